-- The equity curve: each account's equity (cash plus positions at mark prices, cents) sampled by the
-- node (net/api/equity_sampler.hpp) when it changed since the last sample; pruned by age.
CREATE TABLE account_equity (
  user_id BIGINT NOT NULL,
  time_ns BIGINT NOT NULL,
  equity  BIGINT NOT NULL,
  cash    BIGINT NOT NULL,
  PRIMARY KEY (user_id, time_ns)
);

CREATE INDEX account_equity_time ON account_equity (time_ns);
