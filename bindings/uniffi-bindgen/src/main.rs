//! `cargo run -p uniffi-bindgen -- generate --library <lib> ...`: uniffi's bindgen CLI at the
//! workspace's uniffi version.

fn main() {
    uniffi::uniffi_bindgen_main()
}
