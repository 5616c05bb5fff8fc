// Student t and normal quantiles against published tables and high-precision references.
#include <cmath>
#include <numbers>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/sim/experiment/incomplete_beta.hpp"
#include "kendall/sim/experiment/normal_distribution.hpp"
#include "kendall/sim/experiment/student_t.hpp"

using kendall::sim::normal_cdf;
using kendall::sim::normal_quantile;
using kendall::sim::normal_upper_quantile;
using kendall::sim::student_t_cdf;
using kendall::sim::student_t_critical;
using kendall::sim::student_t_quantile;
using kendall::sim::student_t_upper_quantile;
using kendall::sim::student_t_upper_tail;

namespace {

// Upper-tail probabilities of the columns below.
constexpr double tails[] = {0.1, 0.05, 0.025, 0.01, 0.005, 0.001, 0.0005};

struct Row {
  double nu;
  double t[7];
};

// Reference quantiles t with P(T > t) = tail, to 17 significant digits. Computed with mpmath
// 1.3 at 40 significant digits by bisection + findroot on ½ I_{ν/(ν+t²)}(ν/2, ½) (the
// regularized incomplete beta, A&S §26.7). They agree with every entry of
// Abramowitz & Stegun Table 26.10 and with the NIST/SEMATECH e-Handbook table (see below).
const std::vector<Row> reference = {
    {1,
     {3.0776835371752534, 6.3137515146750431, 12.706204736174705, 31.820515953773958,
      63.656741162871581, 318.30883898555045, 636.61924876871962}},
    {2,
     {1.8856180831641267, 2.9199855803537257, 4.3026527297494639, 6.9645567342832742,
      9.9248432009182931, 22.327124770119875, 31.599054576443621}},
    {3,
     {1.6377443536962101, 2.3533634348018239, 3.1824463052837096, 4.5407028585681336,
      5.8409093097333573, 10.214531852407387, 12.923978636687483}},
    {4,
     {1.5332062740589439, 2.1318467863266503, 2.7764451051977944, 3.7469473879791968,
      4.6040948713499932, 7.1731822197823085, 8.6103015813792751}},
    {5,
     {1.4758840488244811, 2.0150483733330242, 2.5705818356363155, 3.3649299989072186,
      4.0321429835552281, 5.8934295313560101, 6.8688266258811102}},
    {6,
     {1.4397557472651484, 1.9431802805153032, 2.4469118511449700, 3.1426684032909834,
      3.7074280213247798, 5.2076262387253637, 5.9588161788187596}},
    {7,
     {1.4149239276505085, 1.8945786050900074, 2.3646242515927853, 2.9979515668685284,
      3.4994832973504939, 4.7852896286383341, 5.4078825208617252}},
    {9,
     {1.3830287383966323, 1.8331129326562372, 2.2621571627982055, 2.8214379250258088,
      3.2498355415921263, 4.2968056627299185, 4.7809125859311391}},
    {10,
     {1.3721836411103356, 1.8124611228116764, 2.2281388519862747, 2.7637694581126962,
      3.1692726726169512, 4.1437004940465897, 4.5868938587026359}},
    {19,
     {1.3277282090267984, 1.7291328115213695, 2.0930240544083098, 2.5394831906239626,
      2.8609346064649792, 3.5794001489547159, 3.8834058525920829}},
    {29,
     {1.3114336473015511, 1.6991270265334978, 2.0452296421327043, 2.4620213601504124,
      2.7563859036706055, 3.3962402883568030, 3.6594050194663329}},
    {49,
     {1.2990687847477498, 1.6765508926168539, 2.0095752371292397, 2.4048917595376685,
      2.6799519736315520, 3.2650791729288589, 3.5004428913673668}},
    {99,
     {1.2901614420344852, 1.6603911560169909, 1.9842169515864175, 2.3646058617869434,
      2.6264054572808275, 3.1746038497557522, 3.3915288333636506}},
    {1000,
     {1.2823987214609244, 1.6463788172854647, 1.9623390808264085, 2.3300826747555130,
      2.5807546980659511, 3.0984021639129229, 3.3002826484239129}},
    {10000,
     {1.2816362297304775, 1.6450060180692430, 1.9602012398906263, 2.3267208386694757,
      2.5763210466685289, 3.0910475160306121, 3.2914999659416047}},
    {100000,
     {1.2815600314493610, 1.6448688647849697, 1.9599877075346096, 2.3263851653552681,
      2.5758784699083753, 3.0903138094272376, 3.2906240314118827}},
    // Non-integer degrees of freedom (Welch-type intervals need them).
    {0.5,
     {10.270324410234506, 41.136000092878275, 164.55767348048853, 1028.4910104716219,
      4113.9645888041812, 102849.11563017555, 411396.46252617139}},
    {2.5,
     {1.7302509288071766, 2.5582186141359366, 3.5746548420036832, 5.3531111730308743,
      7.1637281389487855, 13.822193110865965, 18.277893528130648}},
    {7.3,
     {1.4089223177480420, 1.8829300179564316, 2.3450667365477036, 2.9639404475838970,
      3.4510316556221852, 4.6888659935383738, 5.2832117589393995}},
};

}  // namespace

TEST_CASE("t quantiles match 40-digit references to 1e-12 relative",
          "[sim][experiment][student_t]") {
  for (const Row& row : reference) {
    for (int i = 0; i < 7; ++i) {
      INFO("nu = " << row.nu << ", upper tail = " << tails[i]);
      const double t = student_t_upper_quantile(tails[i], row.nu);
      CHECK(std::abs(t - row.t[i]) <= 1e-12 * row.t[i]);
      // The same value through the lower-tail entry point and by symmetry.
      CHECK(std::abs(student_t_quantile(1.0 - tails[i], row.nu) - row.t[i]) <= 1e-12 * row.t[i]);
      CHECK(std::abs(student_t_quantile(tails[i], row.nu) + row.t[i]) <= 1e-12 * row.t[i]);
      // Two-sided critical value for confidence 1 − 2·tail.
      CHECK(std::abs(student_t_critical(1.0 - 2.0 * tails[i], row.nu) - row.t[i]) <=
            1e-12 * row.t[i]);
    }
  }
}

TEST_CASE("t quantiles match the NIST/SEMATECH e-Handbook table 1.3.6.7.2 to its 3 decimals",
          "[sim][experiment][student_t]") {
  // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2 "Critical values of the
  // Student's t distribution" (upper-tail 0.10 ... 0.001). The 0.001 column of that table has
  // misprints for ν = 1, 7, 8, 9, 10 (318.313, 4.782, 4.499, 4.296, 4.143); the exact values
  // are 318.309, 4.785, 4.501, 4.297, 4.144, as in A&S Table 26.10 and the JASA (1959) table
  // reprinted by Hines & Montgomery — those entries are checked against the correct values.
  struct NistRow {
    int nu;
    double t[6];
  };
  const std::vector<NistRow> nist = {
      {1, {3.078, 6.314, 12.706, 31.821, 63.657, 318.309}},
      {2, {1.886, 2.920, 4.303, 6.965, 9.925, 22.327}},
      {3, {1.638, 2.353, 3.182, 4.541, 5.841, 10.215}},
      {4, {1.533, 2.132, 2.776, 3.747, 4.604, 7.173}},
      {5, {1.476, 2.015, 2.571, 3.365, 4.032, 5.893}},
      {6, {1.440, 1.943, 2.447, 3.143, 3.707, 5.208}},
      {7, {1.415, 1.895, 2.365, 2.998, 3.499, 4.785}},
      {8, {1.397, 1.860, 2.306, 2.896, 3.355, 4.501}},
      {9, {1.383, 1.833, 2.262, 2.821, 3.250, 4.297}},
      {10, {1.372, 1.812, 2.228, 2.764, 3.169, 4.144}},
      {15, {1.341, 1.753, 2.131, 2.602, 2.947, 3.733}},
      {20, {1.325, 1.725, 2.086, 2.528, 2.845, 3.552}},
      {30, {1.310, 1.697, 2.042, 2.457, 2.750, 3.385}},
      {40, {1.303, 1.684, 2.021, 2.423, 2.704, 3.307}},
      {60, {1.296, 1.671, 2.000, 2.390, 2.660, 3.232}},
      {100, {1.290, 1.660, 1.984, 2.364, 2.626, 3.174}},
  };
  for (const NistRow& row : nist) {
    for (int i = 0; i < 6; ++i) {
      INFO("nu = " << row.nu << ", upper tail = " << tails[i]);
      CHECK(std::abs(student_t_upper_quantile(tails[i], row.nu) - row.t[i]) <= 0.0005 + 1e-12);
    }
  }
}

TEST_CASE("t quantiles agree with closed forms for nu = 1, 2 and 4",
          "[sim][experiment][student_t]") {
  // ν = 4 has the closed form t = sign · 2 √(cos(⅓ arccos √α)/√α − 1), α = 4p(1−p)
  // (Hill 1970, CACM 13(10) alg. 396 remarks); it is NOT special-cased in the code, so it
  // checks the general iteration.
  for (double q : {0.4, 0.25, 0.1, 0.01, 1e-3, 1e-6, 1e-10}) {
    INFO("q = " << q);
    // tan(π(½ − q)) is itself ill-conditioned (condition number ≈ 1/(πq)) for small q.
    CHECK_THAT(student_t_upper_quantile(q, 1.0),
               Catch::Matchers::WithinRel(std::tan(std::numbers::pi * (0.5 - q)), 1e-15 / q));
    CHECK_THAT(student_t_upper_quantile(q, 2.0),
               Catch::Matchers::WithinRel((1 - 2 * q) / std::sqrt(2 * q * (1 - q)), 1e-13));
    const double alpha = 4.0 * q * (1.0 - q);
    const double root = std::sqrt(alpha);
    const double t4 = 2.0 * std::sqrt(std::cos(std::acos(root) / 3.0) / root - 1.0);
    CHECK_THAT(student_t_upper_quantile(q, 4.0), Catch::Matchers::WithinRel(t4, 1e-11));
  }
}

TEST_CASE("t quantiles are exact inverses of the CDF, far into the tails",
          "[sim][experiment][student_t]") {
  const double nus[] = {1, 1.5, 2, 3, 4, 5, 8, 13, 30, 100, 1e3, 1e4, 1e5, 1e6};
  const double qs[] = {0.49, 0.3, 0.1, 0.025, 1e-3, 1e-6, 1e-10, 1e-15};
  for (double nu : nus) {
    for (double q : qs) {
      INFO("nu = " << nu << ", q = " << q);
      const double t = student_t_upper_quantile(q, nu);
      // The CDF's own error grows to about 1e-12 for 1e3 < ν < 1e4 (see student_t.hpp).
      const double tolerance = (nu <= 1e3 || nu >= 1e4) ? 1e-13 : 1e-11;
      CHECK_THAT(student_t_upper_tail(t, nu), Catch::Matchers::WithinRel(q, tolerance));
      CHECK_THAT(student_t_cdf(-t, nu), Catch::Matchers::WithinRel(q, tolerance));
    }
  }
  // 40-digit references deep in the tail.
  CHECK_THAT(student_t_upper_quantile(1e-10, 3),
             Catch::Matchers::WithinRel(2225.7692846830932, 1e-12));
  CHECK_THAT(student_t_upper_quantile(1e-20, 3),
             Catch::Matchers::WithinRel(4795275.7204689731, 1e-12));
  CHECK_THAT(student_t_upper_quantile(1e-10, 10),
             Catch::Matchers::WithinRel(25.466008021697726, 1e-12));
  CHECK_THAT(student_t_upper_quantile(1e-20, 30),
             Catch::Matchers::WithinRel(22.658878371940183, 1e-12));
}

TEST_CASE("t quantiles approach the normal ones as nu grows", "[sim][experiment][student_t]") {
  // From ν = 1e4 on the code switches from the Newton iteration to the Cornish–Fisher series
  // (A&S 26.7.5). Just below the switch the iteration must agree with the series, which is
  // exact to 1e-15 there (checked against mpmath), so the switch is seamless (1e-12: the
  // continued fraction loses about 1e-13 for ν of a few thousand).
  auto cornish_fisher = [](double z, double nu) {
    const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
    return z + (z3 + z) / 4.0 / nu + (5 * z5 + 16 * z3 + 3 * z) / 96.0 / (nu * nu) +
           (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384.0 / (nu * nu * nu) +
           (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160.0 / (nu * nu * nu * nu);
  };
  for (double q : {0.1, 0.025, 0.005, 1e-6, 1e-12}) {
    INFO("q = " << q);
    const double z = normal_upper_quantile(q);
    CHECK_THAT(student_t_upper_quantile(q, 9999.0),
               Catch::Matchers::WithinRel(cornish_fisher(z, 9999.0), 1e-12));
    CHECK_THAT(student_t_upper_quantile(q, 5000.0),
               Catch::Matchers::WithinRel(cornish_fisher(z, 5000.0), 1e-12));
    CHECK(student_t_upper_quantile(q, 10000.0) > z);
    CHECK_THAT(student_t_upper_quantile(q, 1e20), Catch::Matchers::WithinRel(z, 1e-15));
  }
}

TEST_CASE("normal quantiles match high-precision references", "[sim][experiment][normal]") {
  // z_p rounded to double from 30-digit mpmath values of √2·erfinv(2p − 1).
  CHECK_THAT(normal_quantile(0.975), Catch::Matchers::WithinRel(1.959963984540054, 1e-15));
  CHECK_THAT(normal_quantile(0.95), Catch::Matchers::WithinRel(1.6448536269514722, 1e-15));
  CHECK_THAT(normal_quantile(0.995), Catch::Matchers::WithinRel(2.5758293035489004, 1e-15));
  CHECK_THAT(normal_quantile(0.999), Catch::Matchers::WithinRel(3.090232306167813, 1e-15));
  CHECK_THAT(normal_quantile(0.9), Catch::Matchers::WithinRel(1.2815515655446004, 1e-15));
  CHECK(normal_quantile(0.5) == 0.0);
  CHECK_THAT(normal_quantile(0.025), Catch::Matchers::WithinRel(-1.959963984540054, 1e-15));
  // Deep tails through the upper-tail entry point (1 − p would lose every digit).
  for (double q : {1e-5, 1e-10, 1e-20, 1e-50, 1e-100, 1e-300}) {
    const double z = normal_upper_quantile(q);
    CHECK_THAT(kendall::sim::normal_upper_tail(z), Catch::Matchers::WithinRel(q, 1e-13));
  }
  CHECK_THAT(normal_cdf(1.959963984540054), Catch::Matchers::WithinRel(0.975, 1e-15));
}

TEST_CASE("incomplete beta matches binomial sums and its symmetry", "[sim][experiment][beta]") {
  using kendall::sim::detail::incomplete_beta;
  // For integer a, b: I_x(a, b) = P(Binomial(a+b−1, x) ≥ a) (A&S 26.5.24).
  auto binomial_tail = [](int a, int b, double x) {
    const int n = a + b - 1;
    double sum = 0.0;
    for (int k = a; k <= n; ++k) {
      sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                      k * std::log(x) + (n - k) * std::log1p(-x));
    }
    return sum;
  };
  for (int a : {1, 2, 5, 17}) {
    for (int b : {1, 3, 8, 30}) {
      for (double x : {0.01, 0.2, 0.5, 0.77, 0.99}) {
        INFO("a=" << a << " b=" << b << " x=" << x);
        const auto ib = incomplete_beta(x, 1.0 - x, a, b);
        CHECK_THAT(ib.value, Catch::Matchers::WithinRel(binomial_tail(a, b, x), 1e-12) ||
                                 Catch::Matchers::WithinAbs(binomial_tail(a, b, x), 1e-300));
        const auto mirrored = incomplete_beta(1.0 - x, x, b, a);
        CHECK_THAT(mirrored.complement, Catch::Matchers::WithinRel(ib.value, 1e-12) ||
                                            Catch::Matchers::WithinAbs(ib.value, 1e-300));
      }
    }
  }
  // ln Γ to about 1e-14 absolute (what the t tails need: exp() turns it into relative error).
  using kendall::sim::detail::log_beta;
  using kendall::sim::detail::log_gamma;
  CHECK(std::abs(log_gamma(0.5) - 0.5 * std::log(std::numbers::pi)) < 1e-14);
  CHECK(std::abs(log_gamma(1.0)) < 1e-14);
  CHECK(std::abs(log_gamma(2.0)) < 1e-14);
  CHECK(std::abs(log_gamma(10.0) - std::log(362880.0)) < 1e-14);
  CHECK_THAT(log_gamma(171.5), Catch::Matchers::WithinRel(std::lgamma(171.5), 1e-15));
  // ln B(a, ½) for large a (mpmath, 30 digits): no cancellation between big log-gammas.
  CHECK(std::abs(log_beta(5000.0, 0.5) - -3.6862066527834602929) < 1e-14);
  CHECK(std::abs(log_beta(500000.0, 0.5) - -5.9888164957774643103) < 1e-14);
  CHECK(std::abs(log_beta(50.0, 0.5) - -1.3811466014510411259) < 1e-14);
}

TEST_CASE("t and normal functions reject arguments outside their domain",
          "[sim][experiment][student_t]") {
  CHECK_THROWS_AS(student_t_quantile(0.0, 5), kendall::InvalidParameter);
  CHECK_THROWS_AS(student_t_quantile(1.0, 5), kendall::InvalidParameter);
  CHECK_THROWS_AS(student_t_quantile(0.5, 0.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(student_t_quantile(0.5, -1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(student_t_quantile(0.5, std::nan("")), kendall::InvalidParameter);
  CHECK_THROWS_AS(student_t_critical(1.0, 5), kendall::InvalidParameter);
  CHECK_THROWS_AS(student_t_cdf(std::nan(""), 5), kendall::InvalidParameter);
  CHECK_THROWS_AS(normal_quantile(1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(normal_quantile(std::nan("")), kendall::InvalidParameter);
  CHECK(student_t_cdf(INFINITY, 3) == 1.0);
  CHECK(student_t_cdf(-INFINITY, 3) == 0.0);
  CHECK(student_t_cdf(0.0, 3) == 0.5);
}
