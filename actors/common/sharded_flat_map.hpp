#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <type_traits>
#include <utility>

#include <boost/unordered/unordered_flat_map.hpp>

namespace bourse {

/// An open-addressing hash map (boost::unordered_flat_map) split into `Shards` independent tables by
/// the key's hash. A flat map grows by rehashing every element at once: at 200k entries that stalls
/// its actor for 10-30 ms (measured in actor_path_bench). Split, each growth moves 1/Shards of the
/// entries, so the stalls are that much shorter for the same total work. Iteration visits shard by
/// shard (no order); iterators and references are invalidated as by unordered_flat_map.
template <class Key, class Value, class Hash = std::hash<Key>, std::size_t Shards = 64>
class sharded_flat_map {
  using shard_type = boost::unordered_flat_map<Key, Value, Hash>;
  using shards_type = std::array<shard_type, Shards>;

  template <bool Const>
  class basic_iterator {
    using shards_ptr = std::conditional_t<Const, const shards_type*, shards_type*>;
    using inner =
        std::conditional_t<Const, typename shard_type::const_iterator, typename shard_type::iterator>;

  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = typename shard_type::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, const value_type&, value_type&>;
    using pointer = std::conditional_t<Const, const value_type*, value_type*>;

    basic_iterator() = default;
    basic_iterator(shards_ptr shards, std::size_t shard, inner at) : shards_(shards), shard_(shard), at_(at) {
      skip_empty();
    }
    /// const_iterator from iterator.
    template <bool C = Const, class = std::enable_if_t<C>>
    basic_iterator(const basic_iterator<false>& other)
        : shards_(other.shards_), shard_(other.shard_), at_(other.at_) {}

    reference operator*() const { return *at_; }
    pointer operator->() const { return &*at_; }
    basic_iterator& operator++() {
      ++at_;
      skip_empty();
      return *this;
    }
    basic_iterator operator++(int) {
      auto before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const basic_iterator& a, const basic_iterator& b) {
      return a.shard_ == b.shard_ && (a.shard_ == Shards || a.at_ == b.at_);
    }

  private:
    template <bool>
    friend class basic_iterator;

    /// Moves past the ends of shards to the next element, or to the end (shard_ == Shards).
    void skip_empty() {
      while (shard_ < Shards && at_ == end_of(shard_))
        if (++shard_ < Shards)
          at_ = begin_of(shard_);
    }
    inner begin_of(std::size_t i) const { return (*shards_)[i].begin(); }
    inner end_of(std::size_t i) const { return (*shards_)[i].end(); }

    shards_ptr shards_ = nullptr;
    std::size_t shard_ = Shards;
    inner at_{};
  };

public:
  using key_type = Key;
  using mapped_type = Value;
  using value_type = typename shard_type::value_type;
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  iterator begin() noexcept { return {&shards_, 0, shards_[0].begin()}; }
  iterator end() noexcept { return {}; }
  const_iterator begin() const noexcept { return {&shards_, 0, shards_[0].cbegin()}; }
  const_iterator end() const noexcept { return {}; }

  /// Inserts (key, Value(args...)) unless the key is present; the element and whether it is new.
  template <class... Args>
  std::pair<iterator, bool> try_emplace(const Key& key, Args&&... args) {
    const auto i = shard_index(key);
    auto [at, fresh] = shards_[i].try_emplace(key, std::forward<Args>(args)...);
    return {iterator{&shards_, i, at}, fresh};
  }
  /// As try_emplace with (key, value).
  std::pair<iterator, bool> emplace(const Key& key, Value value) {
    return try_emplace(key, std::move(value));
  }

  iterator find(const Key& key) {
    const auto i = shard_index(key);
    auto at = shards_[i].find(key);
    return at == shards_[i].end() ? end() : iterator{&shards_, i, at};
  }
  const_iterator find(const Key& key) const {
    const auto i = shard_index(key);
    auto at = shards_[i].find(key);
    return at == shards_[i].end() ? end() : const_iterator{&shards_, i, at};
  }
  /// The value of `key`; throws std::out_of_range when it is absent.
  const Value& at(const Key& key) const { return shards_[shard_index(key)].at(key); }
  /// Removes `key`; returns how many elements were removed (0 or 1).
  std::size_t erase(const Key& key) { return shards_[shard_index(key)].erase(key); }
  bool contains(const Key& key) const { return shards_[shard_index(key)].contains(key); }

  std::size_t size() const noexcept {
    std::size_t n = 0;
    for (const auto& s : shards_)
      n += s.size();
    return n;
  }
  bool empty() const noexcept { return size() == 0; }
  /// Room for `n` elements spread evenly over the shards.
  void reserve(std::size_t n) {
    for (auto& s : shards_)
      s.reserve(n / Shards + 1);
  }

  /// Erases every element for which `pred(element)` is true; how many.
  template <class Pred>
  friend std::size_t erase_if(sharded_flat_map& map, Pred pred) {
    std::size_t erased = 0;
    for (auto& s : map.shards_)
      erased += boost::unordered::erase_if(s, pred);
    return erased;
  }

  /// Equal when both hold the same keys with equal values.
  friend bool operator==(const sharded_flat_map& a, const sharded_flat_map& b) {
    return a.shards_ == b.shards_;
  }

private:
  /// The shard of `key`: high bits of the hash spread by a Fibonacci multiply (Knuth, TAOCP 6.4),
  /// so that a weak hash (identity on integers) still spreads consecutive keys.
  static std::size_t shard_index(const Key& key) noexcept {
    const auto h = static_cast<std::uint64_t>(Hash{}(key)) * 0x9e3779b97f4a7c15ULL;
    return static_cast<std::size_t>(h >> 32) % Shards;
  }
  shards_type shards_;
};

} // namespace bourse
