// Marks: the points of a pass where something is recorded or the run stops — the run limits,
// the warm-up cut (fixed count, fixed time, or MSER-5 over candidate snapshots), the batch ends
// of batch means and the segment ends of L_by_segment. Departure-count marks are checked
// against one threshold on the per-customer path (count_departure); the rest arrive as
// Checkpoint events.

#include <algorithm>
#include <limits>

#include "engine.hpp"

namespace kendall::sim::detail {

namespace {

constexpr std::uint64_t no_mark = std::numeric_limits<std::uint64_t>::max();

// Memory allowed for the MSER candidate snapshots of one replication.
constexpr std::size_t grid_memory_budget = std::size_t{16} << 20;

}  // namespace

void Engine::plan_marks(const RunPlan& plan) {
  if (plan.horizon) schedule_checkpoint(*plan.horizon, Checkpoint::Horizon);
  switch (plan.warmup) {
    case model::WarmupSpec::Kind::None:
      take_cut();
      break;
    case model::WarmupSpec::Kind::Customers:
      if (plan.warmup_amount >= 1.0) {
        cut_mark_ = static_cast<std::uint64_t>(plan.warmup_amount);
      } else {
        take_cut();
      }
      break;
    case model::WarmupSpec::Kind::Time:
      if (plan.warmup_amount > 0.0) {
        schedule_checkpoint(plan.warmup_amount, Checkpoint::Warmup);
      } else {
        take_cut();
      }
      break;
    case model::WarmupSpec::Kind::Auto:
      auto_warmup_ = true;
      mser_.emplace();
      grid_.push_back({0, 0, stats_.snapshot(0.0)});
      if (plan.customers && !plan.horizon) {
        // Known length: 64 evenly spaced candidate cuts over the first two thirds.
        grid_spacing_ = std::max<std::uint64_t>(1, (*plan.customers + 95) / 96);
        grid_limit_ = 64 * grid_spacing_;
        grid_capacity_ = 65;
      } else {
        grid_spacing_ = 16;
        grid_capacity_ = 65;
      }
      grid_next_ = grid_spacing_;
      break;
  }
  if (plan.segment_departures) {
    const std::uint64_t total = *plan.segment_departures;
    for (std::uint64_t i = 1; i < 8; ++i) {
      const std::uint64_t mark = (total * i + 4) / 8;
      if (mark > 0 && (segment_marks_.empty() || mark > segment_marks_.back()))
        segment_marks_.push_back(mark);
    }
  } else if (plan.segment_horizon) {
    for (int i = 1; i < 8; ++i) {
      schedule_checkpoint(*plan.segment_horizon * i / 8.0, Checkpoint::Segment);
    }
  }
  refresh_next_mark();
}

void Engine::on_checkpoint(Checkpoint what) {
  switch (what) {
    case Checkpoint::Horizon:
      stop_ = RunStatus::ReachedHorizon;
      break;
    case Checkpoint::Warmup:
      take_cut();
      break;
    case Checkpoint::Segment:
      record_segment_end();
      break;
  }
}

void Engine::take_cut() {
  cut_ = stats_.snapshot(now_);
  cut_departures_ = stats_.departures();
  cut_mark_.reset();
}

void Engine::record_segment_end() {
  segment_ends_.push_back(now_);
  std::vector<double> areas(stations_.size());
  for (std::uint32_t s = 0; s < stations_.size(); ++s) areas[s] = stats_.area_n_at(s, now_);
  segment_areas_.push_back(std::move(areas));
}

void Engine::grid_snapshot() {
  grid_.push_back({stats_.departures(), stats_.observed_exits(), stats_.snapshot(now_)});
  // Bounded memory: at most grid_capacity_ points, and fewer when snapshots are large (many
  // stations and classes, wide histograms) — never fewer than 9, i.e. a cut resolution of 1/8.
  const std::size_t bytes = grid_.back().state.bytes();
  const bool over_budget = grid_.size() > 9 && grid_.size() * bytes > grid_memory_budget;
  if (grid_.size() > grid_capacity_ || over_budget) {
    // Keep every other point (the even multiples of the spacing) and double the spacing.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < grid_.size(); i += 2) {
      if (kept != i) grid_[kept] = std::move(grid_[i]);  // never self-move: it empties the state
      ++kept;
    }
    grid_.resize(kept);
    grid_spacing_ *= 2;
  }
  grid_next_ = grid_.back().departures + grid_spacing_;
}

void Engine::on_departure_mark() {
  const std::uint64_t d = stats_.departures();
  if (cut_mark_ && d >= *cut_mark_) take_cut();
  if (auto_warmup_ && d >= grid_next_ && d <= grid_limit_) grid_snapshot();
  while (next_batch_ < plan_->batch_ends.size() && d >= plan_->batch_ends[next_batch_]) {
    batch_states_.push_back(stats_.snapshot(now_));
    ++next_batch_;
  }
  while (next_segment_ < segment_marks_.size() && d >= segment_marks_[next_segment_]) {
    record_segment_end();
    ++next_segment_;
  }
  // A run that drains on its last counted departure is reported as Drained (with its makespan).
  if (plan_->customers && d >= *plan_->customers && stop_ != RunStatus::Drained)
    stop_ = RunStatus::ReachedCustomers;
  refresh_next_mark();
}

void Engine::refresh_next_mark() {
  std::uint64_t next = no_mark;
  if (cut_mark_) next = std::min(next, *cut_mark_);
  if (auto_warmup_ && grid_next_ <= grid_limit_) next = std::min(next, grid_next_);
  if (next_batch_ < plan_->batch_ends.size()) next = std::min(next, plan_->batch_ends[next_batch_]);
  if (next_segment_ < segment_marks_.size()) next = std::min(next, segment_marks_[next_segment_]);
  if (plan_->customers) next = std::min(next, *plan_->customers);
  next_departure_mark_ = next;
}

void Engine::poll(const RunControl& control) {
  poll_countdown_ = std::max<std::uint64_t>(1, control.check_every);
  if (control.stop.stop_requested()) stop_ = RunStatus::Cancelled;
  if (control.on_progress) {
    double fraction = 0.0;
    if (plan_->customers) {
      fraction = static_cast<double>(stats_.departures()) / static_cast<double>(*plan_->customers);
    } else if (plan_->horizon) {
      fraction = now_ / *plan_->horizon;
    }
    control.on_progress(Progress{0, 1, std::clamp(fraction, 0.0, 1.0)});
  }
}

}  // namespace kendall::sim::detail
