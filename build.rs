// Migrations are compiled in with include_str!; rebuild when any of them changes or a new
// one appears, so a new file is never silently left out.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
