#include "net/node/vendor_routes.hpp"

#include <memory>
#include <string>

#include "net/http/static_files.hpp"

namespace bourse::node {
namespace {

using net::http::request_context;
using net::http::verb;

/// Routes GET prefix/{a} and prefix/{a}/{b} to files under root.
void mount(net::http::router& routes, const std::string& prefix, const std::filesystem::path& root) {
  if (!std::filesystem::is_directory(root))
    return;
  auto files = std::make_shared<net::http::static_files>(root);
  auto serve = net::http::sync_handler([files, prefix](request_context& ctx) {
    return files->serve(std::string_view(ctx.path).substr(prefix.size()));
  });
  routes.add(verb::get, prefix + "/{file}", net::permission::read_market, serve);
  routes.add(verb::get, prefix + "/{dir}/{file}", net::permission::read_market, serve);
}

} // namespace

void add_vendor_routes(net::http::router& routes, const std::filesystem::path& node_modules) {
  mount(routes, "/vendor/bootstrap", node_modules / "bootstrap/dist");
  mount(routes, "/vendor/lightweight-charts", node_modules / "lightweight-charts/dist");
  mount(routes, "/vendor/swagger-ui", node_modules / "swagger-ui-dist");
}

} // namespace bourse::node
