// Minimal JSON writing: string escaping and an object/array builder.
//
//   JsonWriter w;
//   w.BeginObject();
//   w.Key("docs_in"); w.Uint(12);
//   w.Key("dropped"); w.BeginObject(); ... w.EndObject();
//   w.EndObject();
//   std::string json = std::move(w).Take();
//
// Escaping follows RFC 8259: '"', '\\' and control characters are escaped;
// other bytes, including UTF-8, are copied. Not thread-safe.

#ifndef WINNOW_FORMATS_JSON_H_
#define WINNOW_FORMATS_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// Appends `s` as a quoted JSON string to *out. The scan for bytes to escape
// takes 64 bytes at a time where the CPU has AVX-512BW (chosen at run time),
// eight at a time elsewhere.
void AppendJsonString(std::string_view s, std::string* out);

namespace json_internal {
// AppendJsonString without AVX-512, for tests that the two agree.
void AppendJsonStringPortable(std::string_view s, std::string* out);
}  // namespace json_internal

class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Uint(uint64_t value);
  void Int(int64_t value);
  void Double(double value);  // non-finite values are written as null
  void Bool(bool value);
  void Null();

  const std::string& str() const { return out_; }
  std::string Take() && { return std::move(out_); }

 private:
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace winnow

#endif  // WINNOW_FORMATS_JSON_H_
