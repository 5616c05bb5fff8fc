#pragma once
/// \file
/// Special functions behind the Student t distribution: log Γ, log B and the regularized
/// incomplete beta function I_x(a, b). Our own implementations (no Boost), thread-safe
/// (std::lgamma writes the global `signgam` on glibc and is not).

namespace kendall::sim::detail {

/// ln Γ(x) for x > 0. Stirling's series with terms to x^-13 for x ≥ 12, the recurrence
/// Γ(x) = Γ(x + n) / (x (x+1) ... (x+n-1)) below; absolute error about 1e-15
/// (Abramowitz & Stegun 6.1.40 and 6.1.15). Throws InvalidParameter unless x > 0 and finite.
[[nodiscard]] double log_gamma(double x);

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0. When one argument is large the
/// Stirling terms are combined analytically, so there is no cancellation between three large
/// log-gammas (as in DiDonato & Morris, ACM TOMS 18 (1992), algorithm 708).
[[nodiscard]] double log_beta(double a, double b);

/// Regularized incomplete beta function and its complement.
struct IncompleteBeta {
  double value;       ///< I_x(a, b)
  double complement;  ///< 1 − I_x(a, b), computed without cancellation where it is small
};

/// I_x(a, b) for a, b > 0 and x ∈ [0, 1]. The caller passes y = 1 − x computed exactly (e.g.
/// t²/(ν + t²) rather than 1 − ν/(ν + t²)): both tails are then accurate to about 1e-14
/// relative. Continued fraction A&S 26.5.8, evaluated with the modified Lentz method
/// (Numerical Recipes 3rd ed. §6.4), on the side where it converges fast (x < (a+1)/(a+b+2)),
/// the other side by the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
/// Throws InvalidParameter for arguments outside the domain or when x + y differs from 1.
[[nodiscard]] IncompleteBeta incomplete_beta(double x, double y, double a, double b);

}  // namespace kendall::sim::detail
