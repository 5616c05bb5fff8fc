#pragma once
// A double-ended queue in one power-of-two ring buffer. Unlike std::deque it does not allocate
// and free blocks as elements flow through it, so a steady-state queue never allocates.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kendall::sim::detail {

template <class T>
class RingDeque {
 public:
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  void push_back(T value) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) & mask_] = value;
    ++size_;
  }

  void push_front(T value) {
    if (size_ == buffer_.size()) grow();
    head_ = (head_ + mask_) & mask_;
    buffer_[head_] = value;
    ++size_;
  }

  T pop_front() noexcept {
    const T value = buffer_[head_];
    head_ = (head_ + 1) & mask_;
    --size_;
    return value;
  }

  T pop_back() noexcept {
    --size_;
    return buffer_[(head_ + size_) & mask_];
  }

  [[nodiscard]] const T& front() const noexcept { return buffer_[head_]; }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept {
    return buffer_[(head_ + i) & mask_];
  }

 private:
  void grow() {
    const std::size_t capacity = buffer_.empty() ? 16 : 2 * buffer_.size();
    std::vector<T> wider(capacity);
    for (std::size_t i = 0; i < size_; ++i) wider[i] = buffer_[(head_ + i) & mask_];
    buffer_ = std::move(wider);
    head_ = 0;
    mask_ = capacity - 1;
  }

  std::vector<T> buffer_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace kendall::sim::detail
