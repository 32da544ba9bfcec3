#include "net/http/static_files.hpp"

#include "net/http/router.hpp"

#include <boost/beast/http/field.hpp>

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

namespace bourse::net::http {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> mime_types = {{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/vnd.microsoft.icon"},
    {".webp", "image/webp"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".wasm", "application/wasm"},
}};

bool is_safe_relative(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos)
    return false;
  for (auto segment : split_path(path))
    if (segment == ".." || segment == ".")
      return false;
  return true;
}

} // namespace

std::string_view mime_type(std::string_view file_name) noexcept {
  auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos)
    return "application/octet-stream";
  auto ext = file_name.substr(dot);
  for (auto [known, type] : mime_types)
    if (known.size() == ext.size() && std::equal(known.begin(), known.end(), ext.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        }))
      return type;
  return "application/octet-stream";
}

static_files::static_files(const std::filesystem::path& root) : root_(std::filesystem::canonical(root)) {
  // nop
}

response static_files::serve(std::string_view decoded_path) const {
  if (!is_safe_relative(decoded_path))
    return error_response(reason_code::malformed_request, "invalid path");
  auto relative = std::string(decoded_path);
  while (relative.starts_with('/'))
    relative.erase(0, 1);
  std::error_code ec;
  auto file = std::filesystem::weakly_canonical(root_ / relative, ec);
  if (!ec && std::filesystem::is_directory(file, ec))
    file /= "index.html";
  auto [root_end, file_it] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (ec || root_end != root_.end())
    return error_response(reason_code::not_found);
  if (!std::filesystem::is_regular_file(file, ec))
    return error_response(reason_code::not_found);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in)
    return error_response(reason_code::not_found);
  response res{status::ok, 11};
  res.set(boost::beast::http::field::content_type, mime_type(file.filename().string()));
  res.set("X-Content-Type-Options", "nosniff");
  res.body() = content.str();
  res.prepare_payload();
  return res;
}

} // namespace bourse::net::http
