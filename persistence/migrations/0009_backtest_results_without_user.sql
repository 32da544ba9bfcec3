-- Backtests run from the command line (bourse-backtest --store) belong to no user: user_id NULL.
ALTER TABLE backtest_results ALTER COLUMN user_id DROP NOT NULL;
