#include "cli/logger.h"

#include <cstdio>

namespace winnow::cli {
namespace {

void Print(std::string_view prefix, std::string_view message) {
  std::fprintf(stderr, "%.*s%.*s\n", static_cast<int>(prefix.size()), prefix.data(),
               static_cast<int>(message.size()), message.data());
}

}  // namespace

void Logger::Error(std::string_view message) const { Print("winnow: error: ", message); }

void Logger::Warning(std::string_view message) const {
  if (verbosity_ >= Verbosity::kNormal) Print("winnow: warning: ", message);
}

void Logger::Info(std::string_view message) const {
  if (verbosity_ >= Verbosity::kNormal) Print("", message);
}

void Logger::Debug(std::string_view message) const {
  if (verbosity_ >= Verbosity::kVerbose) Print("", message);
}

}  // namespace winnow::cli
