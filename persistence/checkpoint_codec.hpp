#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "persistence/pg_error.hpp"

namespace bourse {

/// Appends LEB128 varints (signed values zigzag) and length-prefixed strings: the fields of the
/// checkpoint and snapshot images (account_checkpoint.hpp, book_snapshot_codec.hpp).
class image_writer {
public:
  explicit image_writer(std::string& out) : out_(out) {}

  void u(std::uint64_t v);
  void s(std::int64_t v) { u((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void str(std::string_view text);

private:
  std::string& out_;
};

/// Reads what image_writer wrote; ok() turns false at the first read past the end or bad varint.
class image_reader {
public:
  explicit image_reader(std::string_view in) : in_(in) {}

  std::uint64_t u();
  std::int64_t s() {
    const auto v = u();
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
  }
  std::string str();
  /// A count of items of at least one byte each; 0 (and not ok) when more than the bytes left.
  std::size_t count();
  bool ok() const noexcept { return ok_; }
  bool done() const noexcept { return pos_ == in_.size(); }

private:
  std::uint64_t fail();

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

/// Starts an image: `magic` (4 bytes) then the `version` byte.
std::string begin_image(std::string_view magic, std::uint8_t version);

/// Ends an image: appends the CRC-32 (Boost.CRC) of everything before it, little endian.
void seal_image(std::string& image);

/// The fields of an image begun with `magic` and `version` and sealed (between the version byte and
/// the CRC). persistence_failed, with `what` in the message, for a wrong magic, an unknown version
/// or a bad checksum.
pg_expected<std::string_view> open_image(std::string_view image, std::string_view magic, std::uint8_t version,
                                         std::string_view what);

} // namespace bourse
