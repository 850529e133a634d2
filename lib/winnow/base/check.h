// WINNOW_CHECK / WINNOW_DCHECK: assertions for programmer errors.
//
// Debian's absl has no ABSL_CHECK and no absl/log, so winnow keeps this small
// header. A failed check prints the condition, the place and an optional
// message to stderr and aborts. Never use a check for input data: bad input is
// reported through absl::Status.
//
//   WINNOW_CHECK(begin <= end) << "span " << begin << ".." << end;
//   WINNOW_DCHECK(IsValidUtf8(s));   // compiled out under NDEBUG
//
// Thread-safe: a failing check writes one message and aborts the process.

#ifndef WINNOW_BASE_CHECK_H_
#define WINNOW_BASE_CHECK_H_

#include <iostream>
#include <sstream>

namespace winnow::internal {

// Collects the streamed message of a failed check; aborts in its destructor.
class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition);
  CheckFailure(const CheckFailure&) = delete;
  CheckFailure& operator=(const CheckFailure&) = delete;
  [[noreturn]] ~CheckFailure();

  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

// Lets `cond ? (void)0 : Voidify() & stream << ...` type-check.
struct Voidify {
  void operator&(std::ostream&) {}
};

}  // namespace winnow::internal

#define WINNOW_CHECK(cond)                  \
  (cond) ? (void)0                          \
         : ::winnow::internal::Voidify() &  \
               ::winnow::internal::CheckFailure(__FILE__, __LINE__, #cond).stream()

#ifdef NDEBUG
#define WINNOW_DCHECK(cond) \
  true ? (void)0 : ::winnow::internal::Voidify() & std::cerr
#else
#define WINNOW_DCHECK(cond) WINNOW_CHECK(cond)
#endif

#endif  // WINNOW_BASE_CHECK_H_
