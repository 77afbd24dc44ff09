# The two commands of the README, plus the benchmarks. Each installs what it is missing.
.PHONY: dev test bench quality import-scale

dev:   ## Run both functions locally at their real paths, on DynamoDB Local with demo accounts.
	@bash scripts/dev.sh

test:  ## Every check: format, clippy, unit/property/fixture/DynamoDB Local tests, template, end to end.
	@bash scripts/test.sh

bench: ## Measure scoring, cold start and warm latency; writes docs/PERFORMANCE.md.
	@bash scripts/with-dynamodb-local.sh python scripts/bench.py

quality: ## Run John the Ripper's and hashcat's rules through the verdict; writes docs/QUALITY.md.
	@python3 scripts/quality.py

import-scale: ## Import 2 million hashes into DynamoDB Local and check them; writes README's rates.
	@bash scripts/import-scale.sh
