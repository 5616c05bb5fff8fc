#include "kendall/sim/engine/trace_recorder.hpp"

#include <bit>

#include <fmt/format.h>

#include "kendall/sim/engine/random_stream.hpp"

namespace kendall::sim {

std::string_view notice_name(NoticeKind kind) noexcept {
  switch (kind) {
    case NoticeKind::Arrival:
      return "arrival";
    case NoticeKind::Blocked:
      return "blocked";
    case NoticeKind::Balked:
      return "balked";
    case NoticeKind::Admitted:
      return "admitted";
    case NoticeKind::ServiceStart:
      return "start";
    case NoticeKind::ServicePause:
      return "pause";
    case NoticeKind::ServiceResume:
      return "resume";
    case NoticeKind::ServiceComplete:
      return "complete";
    case NoticeKind::Reneged:
      return "reneged";
    case NoticeKind::RetryScheduled:
      return "retry";
    case NoticeKind::Failed:
      return "failed";
    case NoticeKind::SystemExit:
      return "exit";
    case NoticeKind::CapacityChange:
      return "servers";
  }
  return "unknown";
}

void TraceRecorder::notify(const Notice& notice) {
  const std::uint64_t words[3] = {std::bit_cast<std::uint64_t>(notice.time),
                                  static_cast<std::uint64_t>(notice.kind) |
                                      (static_cast<std::uint64_t>(notice.station) << 8) |
                                      (static_cast<std::uint64_t>(notice.customer_class) << 40),
                                  notice.customer};
  for (std::uint64_t w : words) hash_ = splitmix64_mix(hash_ ^ w);
  ++count_;
  if (!keep_limit_ || notices_.size() < *keep_limit_) notices_.push_back(notice);
}

std::string TraceRecorder::to_string() const {
  std::string out;
  for (const Notice& n : notices_) {
    out += fmt::format("{:g} {} {} {}\n", n.time, notice_name(n.kind), n.station, n.customer);
  }
  return out;
}

}  // namespace kendall::sim
