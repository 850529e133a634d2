// Macros that propagate absl::Status through functions returning Status or
// StatusOr<T>. Debian's absl 20220623 ships none, so winnow keeps its own.
//
//   absl::StatusOr<Document> ReadOne(...);
//   absl::Status Run() {
//     WINNOW_ASSIGN_OR_RETURN(Document doc, ReadOne(...));
//     WINNOW_RETURN_IF_ERROR(Write(doc));
//     return absl::OkStatus();
//   }
//
// Both macros evaluate their argument exactly once.

#ifndef WINNOW_BASE_STATUS_MACROS_H_
#define WINNOW_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define WINNOW_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    ::absl::Status winnow_status_ = (expr);           \
    if (!winnow_status_.ok()) return winnow_status_;  \
  } while (0)

#define WINNOW_STATUS_CONCAT_INNER_(a, b) a##b
#define WINNOW_STATUS_CONCAT_(a, b) WINNOW_STATUS_CONCAT_INNER_(a, b)

// Declares or assigns `lhs` from the value of a StatusOr expression, or
// returns its error status.
#define WINNOW_ASSIGN_OR_RETURN(lhs, expr)                                    \
  WINNOW_ASSIGN_OR_RETURN_IMPL_(                                              \
      WINNOW_STATUS_CONCAT_(winnow_statusor_, __LINE__), lhs, expr)

#define WINNOW_ASSIGN_OR_RETURN_IMPL_(var, lhs, expr) \
  auto var = (expr);                                  \
  if (!var.ok()) return std::move(var).status();      \
  lhs = std::move(var).value()

#endif  // WINNOW_BASE_STATUS_MACROS_H_
