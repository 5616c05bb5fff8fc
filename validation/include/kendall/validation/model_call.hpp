#pragma once
/// \file
/// Named calls of the analytic library for `reference: {model: ...}` in suite files, so that a
/// case can pin one specific model function (mmc, md1, erlang_a ...) instead of whatever the
/// scenario solver picks.

#include <string>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/validation/suite.hpp"

namespace kendall::validation {

/// Calls the named function. Besides the model functions of kendall/model/analytic/ there are:
///  - erlang_b(servers, load): metric p_block = B(c, a);
///  - erlang_c(servers, load): metric p_wait = C(c, a);
///  - erlang_b_load(servers, p_block): metric `load`, the offered load a with B(c, a) = p_block
///    (the inverse that Erlang B tables print), by bisection on model::erlang_b, which
///    increases strictly in a;
///  - query(notation, ...): the Kendall-notation front end (model::solve), i.e. exactly what
///    `kendall solve M/M/4 --lambda 3.6 --mu 1` computes.
/// Throws InvalidParameter for an unknown name (listing the names), a missing or unknown
/// argument, or whatever the model function throws.
[[nodiscard]] model::AnalyticResult call_model(const ModelCall& call,
                                               const model::QueryOptions& options = {});

}  // namespace kendall::validation
