#include "winnow/base/pod_buffer.h"

#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace winnow {
namespace {

// Every operation against std::vector doing the same, with growth from
// empty through many reallocations: the elements written stay, in order.
TEST(PodBuffer, KeepsWhatWasWrittenAcrossGrowth) {
  std::mt19937 rng(11);
  PodBuffer<uint32_t> buffer;
  std::vector<uint32_t> model;
  for (int round = 0; round < 3000; ++round) {
    switch (rng() % 4) {
      case 0:
        buffer.push_back(static_cast<uint32_t>(round));
        model.push_back(static_cast<uint32_t>(round));
        break;
      case 1: {
        // Reserve, write through the pointer, then commit part of it.
        const size_t room = rng() % 40;
        buffer.Reserve(buffer.size() + room);
        ASSERT_GE(buffer.capacity(), buffer.size() + room);
        uint32_t* out = buffer.data() + buffer.size();
        const size_t written = room == 0 ? 0 : rng() % (room + 1);
        for (size_t i = 0; i < written; ++i) {
          out[i] = static_cast<uint32_t>(round * 100 + i);
          model.push_back(out[i]);
        }
        buffer.ResizeUninitialized(buffer.size() + written);
        break;
      }
      case 2: {
        const uint32_t values[] = {1, 2, 3, static_cast<uint32_t>(round)};
        const size_t n = rng() % 5;
        buffer.Append(values, n);
        model.insert(model.end(), values, values + n);
        break;
      }
      default:
        if (rng() % 50 == 0) {
          buffer.clear();
          model.clear();
        }
        break;
    }
    ASSERT_EQ(std::vector<uint32_t>(buffer.begin(), buffer.end()), model) << "round " << round;
  }
  ASSERT_EQ(std::vector<uint32_t>(buffer.begin(), buffer.end()), model);
  for (size_t i = 0; i < model.size(); ++i) ASSERT_EQ(buffer[i], model[i]) << i;
}

TEST(PodBuffer, ShrinkingKeepsCapacityAndPrefix) {
  PodBuffer<float> buffer;
  for (int i = 0; i < 100; ++i) buffer.push_back(static_cast<float>(i));
  const size_t capacity = buffer.capacity();
  buffer.ResizeUninitialized(10);
  EXPECT_EQ(buffer.size(), 10u);
  EXPECT_EQ(buffer.capacity(), capacity);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(buffer[static_cast<size_t>(i)], static_cast<float>(i));
  buffer.Append(nullptr, 0);
  EXPECT_EQ(buffer.size(), 10u);
}

}  // namespace
}  // namespace winnow
