// Conversions between std::string_view and Debian's absl::string_view.
//
// Debian 12's absl is built with ABSL_OPTION_USE_STD_STRING_VIEW = 0, so
// absl::string_view is a distinct type. winnow's APIs take std::string_view;
// where absl needs its own type, convert here and nowhere else.
//
//   absl::Status s = absl::InvalidArgumentError(ToAbsl(message));

#ifndef WINNOW_BASE_STRINGS_H_
#define WINNOW_BASE_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace winnow {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

inline std::string_view ToStd(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

}  // namespace winnow

#endif  // WINNOW_BASE_STRINGS_H_
