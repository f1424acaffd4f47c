# Quick start on a fresh Debian 12 machine:  make demo   |   make test
# Each target installs missing Debian packages (deps/debian-packages.txt), configures and builds.
BUILD ?= build
SAN_BUILD ?= build-san
FUZZ_BUILD ?= build-fuzz
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 20

.PHONY: all deps build demo serve test test-unit test-sanitize fuzz bench bench-http bench-images eval clean

all: build

deps:
	@scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/jianmei kb lint
	$(BUILD)/jianmei registry import samples/registry/institutions.csv
	$(BUILD)/jianmei registry import samples/registry/doctors.csv
	$(BUILD)/jianmei qualify --institution 眠松医美 --procedure 隆胸
	$(BUILD)/jianmei scan --pretty < samples/registry/posts.jsonl
	$(BUILD)/jianmei scan --pretty < samples/posts.jsonl

# Every test: unit and corpus tests, the same under ASan+UBSan, then a short run of each fuzzer.
# The sanitizer build is -O1, as AddressSanitizer advises: at -O0 its tests took 963 s of CI's 2,651.
test: test-unit test-sanitize fuzz

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	$(MAKE) eval

# Accuracy on labelled data (jianmei eval): the real-case corpus's frozen test split and its held-out
# third batch, screened blind (no record listed); holdout2, holdout4, holdout5 and the dev split (tests/realworld/README.md)
# and the team's own corpus. The floors are regression floors at the figures measured on 2026-12-07,
# not the issue's targets (0.9 detection); raise them as it improves. dev, holdout2, holdout4, holdout5 and corpus are
# the learned model's training data (kb/model/): their figures say nothing about unseen wording;
# test and holdout3 do.
EVAL = JIANMEI_HOME=$(BUILD)/eval-home $(BUILD)/jianmei --no-registry eval
eval: build
	$(EVAL) --blind tests/realworld/test.jsonl --min-detection 0.80 --max-false-violation 0.03
	$(EVAL) --blind tests/realworld/holdout3.jsonl --min-detection 0.72 --max-false-violation 0.09
	$(EVAL) tests/realworld/holdout2.jsonl --min-detection 0.98 --max-false-violation 0.04
	$(EVAL) tests/realworld/holdout4.jsonl --min-detection 0.98 --max-false-violation 0.03
	$(EVAL) tests/realworld/holdout5.jsonl --min-detection 0.97 --max-false-violation 0.09
	$(EVAL) tests/realworld/dev.jsonl --min-detection 0.98 --max-false-violation 0.03
	$(EVAL) tests/corpus/corpus.jsonl --min-detection 0.99 --max-false-violation 0

test-sanitize: deps
	cmake -S . -B $(SAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG='-g -O1' \
	  -DJIANMEI_SANITIZE=ON -DJIANMEI_BENCH=OFF
	cmake --build $(SAN_BUILD) -j $(JOBS)
	ctest --test-dir $(SAN_BUILD) --output-on-failure -j $(JOBS)

fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIANMEI_FUZZ=ON -DJIANMEI_BENCH=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	$(BUILD)/bench/jianmei_bench

# wrk on loopback against `jianmei serve`: POST /api/v1/screen, 1 KB posts (bench/README.md).
bench-http: build
	bench/http_bench.sh $(BUILD) 20 1000

# OCR and screening of generated pictures: CER, findings against ground truth, speed, memory
# (bench/images/README.md). IMAGES pictures, each clean and degraded, in $(BUILD)/bench-images.
IMAGES ?= 24
bench-images: build
	bench/images/generate.py $(BUILD)/bench-images $(IMAGES)
	$(BUILD)/bench/image_bench $(BUILD)/bench-images

# The web UI and API on http://127.0.0.1:8080/ (doc/api.md).
serve: build
	$(BUILD)/jianmei serve

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD)
