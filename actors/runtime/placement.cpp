#include "actors/runtime/placement.hpp"

#include <algorithm>
#include <mutex>

#include <caf/actor_cast.hpp>

namespace bourse {

void placement::set_account_spawner(account_spawner spawner) {
  std::unique_lock lock{mutex_};
  spawner_ = std::move(spawner);
}

void placement::put_book(const std::string& symbol, book_actor handle) {
  std::unique_lock lock{mutex_};
  books_.insert_or_assign(symbol, std::move(handle));
}

void placement::put_market_data(const std::string& symbol, market_data_actor handle) {
  std::unique_lock lock{mutex_};
  market_data_.insert_or_assign(symbol, std::move(handle));
}

void placement::put_account(account_id id, account_actor handle) {
  std::unique_lock lock{mutex_};
  accounts_.insert_or_assign(id, std::move(handle));
}

void placement::put_house(house_actor handle) {
  std::unique_lock lock{mutex_};
  house_ = std::move(handle);
}

house_actor placement::house() const {
  std::shared_lock lock{mutex_};
  return house_;
}

book_actor placement::book(std::string_view symbol) const {
  std::shared_lock lock{mutex_};
  auto it = books_.find(symbol);
  return it == books_.end() ? book_actor{} : it->second;
}

market_data_actor placement::market_data(std::string_view symbol) const {
  std::shared_lock lock{mutex_};
  auto it = market_data_.find(symbol);
  return it == market_data_.end() ? market_data_actor{} : it->second;
}

void placement::put_reference_price(const std::string& symbol, cents price) {
  std::unique_lock lock{mutex_};
  reference_prices_.insert_or_assign(symbol, price);
}

cents placement::reference_price(std::string_view symbol) const {
  std::shared_lock lock{mutex_};
  auto it = reference_prices_.find(symbol);
  return it == reference_prices_.end() ? 0 : it->second;
}

account_actor placement::running_account(account_id id) const {
  std::shared_lock lock{mutex_};
  auto it = accounts_.find(id);
  return it == accounts_.end() ? account_actor{} : it->second;
}

account_actor placement::account(account_id id) {
  {
    std::shared_lock lock{mutex_};
    if (auto it = accounts_.find(id); it != accounts_.end())
      return it->second;
  }
  std::unique_lock lock{mutex_};
  if (auto it = accounts_.find(id); it != accounts_.end())
    return it->second;
  if (!spawner_)
    return {};
  auto handle = spawner_(id);
  accounts_.emplace(id, handle);
  return handle;
}

bool placement::passivate(account_id id, const caf::actor_addr& who) {
  std::unique_lock lock{mutex_};
  auto it = accounts_.find(id);
  if (it == accounts_.end() || it->second.address() != who)
    return false;
  accounts_.erase(it);
  return true;
}

std::vector<std::string> placement::symbols() const {
  std::shared_lock lock{mutex_};
  std::vector<std::string> out;
  out.reserve(books_.size());
  for (const auto& [symbol, handle] : books_)
    out.push_back(symbol);
  return out;
}

void placement::with_accounts_still(
    const std::function<void(const std::function<account_actor(account_id)>&)>& fn) const {
  // A spawn or passivation takes the lock exclusively: both wait until fn returns.
  std::shared_lock lock{mutex_};
  fn([this](account_id id) {
    auto it = accounts_.find(id);
    return it == accounts_.end() ? account_actor{} : it->second;
  });
}

std::vector<account_id> placement::running_accounts() const {
  std::shared_lock lock{mutex_};
  std::vector<account_id> out;
  out.reserve(accounts_.size());
  for (const auto& [id, handle] : accounts_)
    out.push_back(id);
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace bourse
