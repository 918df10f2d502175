# A thin wrapper over CMake. `make demo` and `make test` install what is
# missing from Debian's packages, build, and run.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ifdef CI
CMAKE_FLAGS += -DQINGLIAN_WERROR=ON
endif

.PHONY: all deps build test demo bench format clean

bench: build
	@bench/load.sh

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@$(BUILD)/qinglian gen --out demo
	@$(BUILD)/qinglian check demo/employees.csv --kind employees --rejects demo/rejects_employees.csv
	@$(BUILD)/qinglian check demo/offences_traffic.csv demo/offences_public_security.csv --kind offences \
	  --rejects demo/rejects_offences.csv

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	@rm -rf $(BUILD)
