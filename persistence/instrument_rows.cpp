#include "persistence/instrument_rows.hpp"

#include <string>

namespace bourse {

pg_expected<bool> insert_instrument_row(pg_connection& conn, const instrument& inst) {
  auto rows = conn.exec(
      "INSERT INTO instruments (symbol, name, type, sector, tick_size, lot_size, min_quantity, "
      "max_quantity, reference_price, price_band_bps, margin_allowed, initial_margin_bps, "
      "maintenance_margin_bps, maker_fee_bps, taker_fee_bps) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
      "ON CONFLICT (symbol) DO NOTHING",
      inst.symbol, inst.name, std::string(to_string(inst.type)), inst.sector, inst.tick_size, inst.lot_size,
      inst.min_quantity, inst.max_quantity, inst.reference_price, inst.price_band_bps, inst.margin_allowed,
      inst.initial_margin_bps, inst.maintenance_margin_bps, inst.maker_fee_bps, inst.taker_fee_bps);
  if (!rows)
    return rows.error();
  return rows->affected() == 1;
}

pg_expected<std::vector<instrument>> load_instrument_rows(pg_connection& conn) {
  auto rows =
      conn.exec("SELECT symbol, name, type, sector, tick_size, lot_size, min_quantity, max_quantity, "
                "reference_price, price_band_bps, margin_allowed, initial_margin_bps, "
                "maintenance_margin_bps, maker_fee_bps, taker_fee_bps FROM instruments ORDER BY symbol");
  if (!rows)
    return rows.error();
  std::vector<instrument> out;
  for (int r = 0; r < rows->rows(); ++r) {
    instrument inst;
    inst.symbol = std::string(rows->text(r, 0));
    inst.name = std::string(rows->text(r, 1));
    const auto type = instrument_type_from_string(rows->text(r, 2));
    if (!type)
      return pg_error{reason_code::persistence_failed, {}, "instruments: unknown type of " + inst.symbol};
    inst.type = *type;
    inst.sector = std::string(rows->text(r, 3));
    inst.tick_size = rows->int64(r, 4);
    inst.lot_size = rows->int64(r, 5);
    inst.min_quantity = rows->int64(r, 6);
    inst.max_quantity = rows->int64(r, 7);
    inst.reference_price = rows->int64(r, 8);
    inst.price_band_bps = rows->int64(r, 9);
    inst.margin_allowed = rows->boolean(r, 10);
    inst.initial_margin_bps = rows->int64(r, 11);
    inst.maintenance_margin_bps = rows->int64(r, 12);
    inst.maker_fee_bps = rows->int64(r, 13);
    inst.taker_fee_bps = rows->int64(r, 14);
    out.push_back(std::move(inst));
  }
  return out;
}

} // namespace bourse
