// A growable array of trivially copyable values that does not initialize
// what it grows into: for scratch arrays that a hot loop fills through a
// pointer after reserving room, where std::vector::resize would first
// write zeros over every new element.
//
//   PodBuffer<uint32_t> ids;
//   ids.Reserve(ids.size() + n);          // room for n more
//   uint32_t* out = ids.data() + ids.size();
//   ... write up to n values at out ...
//   ids.ResizeUninitialized(ids.size() + written);
//
// Elements past size() are indeterminate until written. Not thread-safe.

#ifndef WINNOW_BASE_POD_BUFFER_H_
#define WINNOW_BASE_POD_BUFFER_H_

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

namespace winnow {

template <typename T>
class PodBuffer {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_default_constructible_v<T>);

 public:
  PodBuffer() = default;
  PodBuffer(const PodBuffer&) = delete;
  PodBuffer& operator=(const PodBuffer&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }

  void clear() { size_ = 0; }
  // Room for n elements in all; keeps the first size() ones.
  void Reserve(size_t n) {
    if (n > capacity_) Grow(n);
  }
  // Sets the size to n; elements past the old size are indeterminate.
  void ResizeUninitialized(size_t n) {
    Reserve(n);
    size_ = n;
  }
  void push_back(T value) {
    if (size_ == capacity_) Grow(size_ + 1);
    data_[size_++] = value;
  }
  void Append(const T* values, size_t n) {
    Reserve(size_ + n);
    if (n != 0) std::memcpy(data() + size_, values, n * sizeof(T));
    size_ += n;
  }

 private:
  [[gnu::noinline]] void Grow(size_t n) {
    // n > capacity_ >= size_.
    const size_t capacity = std::max({n, 2 * capacity_, size_t{16}});
    std::unique_ptr<T[]> grown(new T[capacity]);  // default-initialized: not written
    std::copy(data_.get(), data_.get() + size_, grown.get());
    data_ = std::move(grown);
    capacity_ = capacity;
  }

  std::unique_ptr<T[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_BASE_POD_BUFFER_H_
