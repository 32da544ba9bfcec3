#include "persistence/checkpoint_codec.hpp"

#include <boost/crc.hpp>

namespace bourse {
namespace {

constexpr std::size_t crc_bytes = 4;

std::uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

} // namespace

void image_writer::u(std::uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void image_writer::str(std::string_view text) {
  u(text.size());
  out_.append(text);
}

std::uint64_t image_reader::u() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= in_.size())
      return fail();
    const auto byte = static_cast<std::uint8_t>(in_[pos_++]);
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0)
      return v;
  }
  return fail();
}

std::string image_reader::str() {
  const auto n = u();
  if (!ok_ || n > in_.size() - pos_) {
    fail();
    return {};
  }
  std::string out{in_.substr(pos_, n)};
  pos_ += n;
  return out;
}

std::size_t image_reader::count() {
  const auto n = u();
  return n <= in_.size() - pos_ ? n : fail();
}

std::uint64_t image_reader::fail() {
  ok_ = false;
  pos_ = in_.size();
  return 0;
}

std::string begin_image(std::string_view magic, std::uint8_t version) {
  std::string out{magic};
  out.push_back(static_cast<char>(version));
  return out;
}

void seal_image(std::string& image) {
  const auto crc = crc32(image);
  for (int shift = 0; shift < 32; shift += 8)
    image.push_back(static_cast<char>((crc >> shift) & 0xff));
}

pg_expected<std::string_view> open_image(std::string_view image, std::string_view magic, std::uint8_t version,
                                         std::string_view what) {
  auto rejected = [what](std::string why) {
    return pg_error{reason_code::persistence_failed, {}, std::string{what} + " rejected: " + std::move(why)};
  };
  if (image.size() < magic.size() + 1 + crc_bytes || image.substr(0, magic.size()) != magic)
    return rejected("wrong magic");
  if (const auto found = static_cast<std::uint8_t>(image[magic.size()]); found != version)
    return rejected("unknown version " + std::to_string(found));
  const auto body = image.substr(0, image.size() - crc_bytes);
  std::uint32_t stored = 0;
  for (std::size_t i = 0; i < crc_bytes; ++i)
    stored |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(image[body.size() + i])) << (8 * i);
  if (crc32(body) != stored)
    return rejected("checksum mismatch");
  return body.substr(magic.size() + 1);
}

} // namespace bourse
