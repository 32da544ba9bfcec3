#pragma once

#include "net/http/message.hpp"

#include <filesystem>
#include <string_view>

namespace bourse::net::http {

/// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view mime_type(std::string_view file_name) noexcept;

/// Serves files under one directory. A directory path serves its index.html. Paths with "..", NUL or
/// backslash segments, and paths that resolve (through symlinks) outside the root, are refused.
class static_files {
public:
  /// root must exist; it is canonicalized once. Throws std::filesystem::filesystem_error.
  explicit static_files(const std::filesystem::path& root);

  /// The file for a percent-decoded request path: 200 with the file, 404 not_found, or 400
  /// malformed_request for a traversal attempt.
  response serve(std::string_view decoded_path) const;

private:
  std::filesystem::path root_;
};

} // namespace bourse::net::http
