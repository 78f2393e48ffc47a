"""The ledger: the store, the indicator registry, regions and the evaluation of targets against results."""
