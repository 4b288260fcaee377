# Convenience targets (the reference's names); everything delegates to ./deltastream or docker compose.
.PHONY: help build run up down logs test bench clean

help:  ## List targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## Build everything (skips tests)
	./deltastream build

run:   ## Start the whole platform in one JVM (embedded mode)
	./deltastream run

up:    ## Start the distributed stack with Redis and MongoDB (docker compose)
	docker compose up -d --build

down:  ## Stop the distributed stack
	docker compose down

logs:  ## Follow the distributed stack's logs
	docker compose logs -f

test:  ## Run the complete test suite
	./deltastream test

bench: ## Run all JMH benchmarks (see docs/performance.md for load drivers)
	./deltastream bench

clean: ## Remove build output (keeps ./data)
	./deltastream clean
