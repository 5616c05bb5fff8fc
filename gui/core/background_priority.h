#pragma once
// Simulation threads yield the CPU to the GUI thread: on Linux the calling thread's nice value
// is raised (per-thread on Linux), so that on a busy machine the event loop still gets the
// core it needs at once. A no-op elsewhere.

namespace kendall::gui {

/// Lowers the scheduling priority of the calling thread (once; later calls do nothing).
void lowerCurrentThreadPriority();

}  // namespace kendall::gui
