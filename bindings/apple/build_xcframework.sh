#!/usr/bin/env bash
# Builds target/apple/BreachKitFFI.xcframework and the generated Swift sources for Apple
# platforms, so that the repository's Package.swift (its non-Linux branch) can be built by Xcode
# or `swift build` on macOS.
#
# NOT RUN BY THE TEST COMMAND: it needs macOS with Xcode (xcodebuild, lipo) and the Apple Rust
# targets; the test machine is Linux. Written after matrix-rust-sdk's bindings/apple/
# build_xcframework.sh and uniffi's Swift guide; untested until run on a Mac.
#
# Usage: bindings/apple/build_xcframework.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/../.."

profile=debug; flag=()
if [[ "${1:-}" == "--release" ]]; then profile=release; flag=(--release); fi

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
    cargo build -p breachkit-uniffi --lib "${flag[@]}" --target "$t"
done

# One static library per platform: the simulator and macOS slices are fat (arm64 + x86_64).
out=target/apple; rm -rf "$out"; mkdir -p "$out"/{ios,ios-sim,macos,headers}
lib=libbreachkit_uniffi.a
cp "target/aarch64-apple-ios/$profile/$lib" "$out/ios/$lib"
lipo -create "target/aarch64-apple-ios-sim/$profile/$lib" "target/x86_64-apple-ios/$profile/$lib" \
    -output "$out/ios-sim/$lib"
lipo -create "target/aarch64-apple-darwin/$profile/$lib" "target/x86_64-apple-darwin/$profile/$lib" \
    -output "$out/macos/$lib"

# The bindings (library mode reads the metadata from any of the built libraries).
cargo run -p uniffi-bindgen -- generate --library "target/aarch64-apple-darwin/$profile/$lib" \
    --language swift --no-format --out-dir "$out/gen"
cp "$out/gen/BreachKitFFI.h" "$out/headers/"
cp "$out/gen/BreachKitFFI.modulemap" "$out/headers/module.modulemap"
mkdir -p target/uniffi/swift/Sources/BreachKit
cp "$out/gen/BreachKit.swift" target/uniffi/swift/Sources/BreachKit/

xcodebuild -create-xcframework \
    -library "$out/ios/$lib" -headers "$out/headers" \
    -library "$out/ios-sim/$lib" -headers "$out/headers" \
    -library "$out/macos/$lib" -headers "$out/headers" \
    -output "$out/BreachKitFFI.xcframework"
echo "built $out/BreachKitFFI.xcframework; now: swift build (or open Package.swift in Xcode)"
