# Convenience targets (the reference's names); everything delegates to ./deltastream or docker compose.
.PHONY: help build image run up down logs test bench clean

help:  ## List targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## Build everything (skips tests)
	./deltastream build

image: ## Build the container image with Jib (no Docker daemon needed) and load it into Docker if one runs
	./deltastream image

run:   ## Start the whole platform in one JVM (embedded mode)
	./deltastream run

up:    ## Start the distributed stack with Redis, MongoDB, Prometheus, Grafana and Loki (docker compose)
	./deltastream image
	docker compose up -d

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
