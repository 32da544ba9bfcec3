#pragma once

#include <filesystem>

#include "net/http/router.hpp"

namespace bourse::node {

/// Serves the web client's third-party assets straight from node_modules (installed by scripts/setup,
/// never copied into the repo): /vendor/bootstrap/** -> bootstrap/dist, /vendor/lightweight-charts/**
/// -> lightweight-charts/dist, /api/docs/** -> swagger-ui-dist. Missing packages are skipped.
void add_vendor_routes(net::http::router& routes, const std::filesystem::path& node_modules);

} // namespace bourse::node
