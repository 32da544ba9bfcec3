#pragma once

#include <caf/atom.hpp>

/// Message tags of the actor runtime (CAF 0.17 atoms: at most 10 characters each).
namespace bourse::atoms {

using submit = caf::atom_constant<caf::atom("submit")>;
using cancel = caf::atom_constant<caf::atom("cancel")>;
using replace = caf::atom_constant<caf::atom("replace")>;
using halt = caf::atom_constant<caf::atom("halt")>;
using snapshot = caf::atom_constant<caf::atom("snapshot")>;
using hash = caf::atom_constant<caf::atom("hash")>;
using expire = caf::atom_constant<caf::atom("expire")>;
using report = caf::atom_constant<caf::atom("report")>;
using ack = caf::atom_constant<caf::atom("ack")>; ///< an account applied a book's reports
using place = caf::atom_constant<caf::atom("place")>;
using view = caf::atom_constant<caf::atom("view")>;
using deposit = caf::atom_constant<caf::atom("deposit")>;
using risk = caf::atom_constant<caf::atom("risk")>;
using idle = caf::atom_constant<caf::atom("idle")>;
using subscribe = caf::atom_constant<caf::atom("subscribe")>;
using unsubscribe = caf::atom_constant<caf::atom("unsub")>;
using credit = caf::atom_constant<caf::atom("credit")>;
using dropped = caf::atom_constant<caf::atom("dropped")>;
using update = caf::atom_constant<caf::atom("update")>;
using candles = caf::atom_constant<caf::atom("candles")>;
using summary = caf::atom_constant<caf::atom("summary")>;
using check = caf::atom_constant<caf::atom("check")>;
using supervise = caf::atom_constant<caf::atom("supervise")>;
using fee = caf::atom_constant<caf::atom("fee")>;
using margin = caf::atom_constant<caf::atom("margin")>;
using watch = caf::atom_constant<caf::atom("watch")>;
using delivery = caf::atom_constant<caf::atom("delivery")>;
using day_end = caf::atom_constant<caf::atom("day_end")>;
using hold = caf::atom_constant<caf::atom("hold")>;         ///< auction hold (cash or escrowed shares)
using release = caf::atom_constant<caf::atom("release")>;   ///< auction hold released
using pay_hold = caf::atom_constant<caf::atom("pay_hold")>; ///< auction buyer pays from the hold
using sell_out = caf::atom_constant<caf::atom("sell_out")>; ///< auction seller delivers outside the book

} // namespace bourse::atoms
