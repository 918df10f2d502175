# A thin wrapper over CMake. `make demo` and `make test` install what is
# missing from Debian's packages, build, and run.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ifdef CI
CMAKE_FLAGS += -DQINGLIAN_WERROR=ON
endif

.PHONY: all deps build test demo bench format clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@$(BUILD)/qinglian demo

# Loading figures, then the whole nightly job against DuckDB (needs npm).
bench: build
	@bench/load.sh
	@bench/compare.sh

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	@rm -rf $(BUILD)
