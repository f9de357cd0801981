//! How WebKitGTK draws the window on a computer without a graphics processor.
//!
//! WebKitGTK rasterises the page's layers (Skia) and composites them with OpenGL. Without
//! a GPU for it — no DRM render node: a virtual machine, a remote desktop, Xvfb — Mesa's
//! llvmpipe emulates OpenGL on the processor and compiles every new shader with LLVM
//! before its first use. In the first seconds after the start the window then stopped
//! painting for 1–5 s while the contact was long stored and the jar's count had changed
//! in the page: the benchmark's 2nd key press (issue 16, BENCHMARKS.md). WebKit's path
//! without compositing draws the page on the processor directly, with none of that
//! warm-up and ~50 MiB less memory. (Chromium, too, keeps Mesa's software rasterisers out
//! of GPU acceleration.) Rasterising on the processor but compositing with OpenGL
//! (`WEBKIT_SKIA_ENABLE_CPU_RENDERING`) was measured too: the stalls shrink to 0.3–0.7 s
//! but stay. A computer with a render node keeps WebKit's default, and so does anyone who
//! set one of WebKit's switches themselves (`WEBKIT_DISABLE_COMPOSITING_MODE=0` keeps
//! compositing on). Seen without compositing: GTK's overlay scroll indicator of the log
//! view also shows for a few seconds after its content changes, not only on scrolling.
//! Programs the app starts (a browser for a link) inherit the switch, where it helps
//! them alike.

use std::ffi::OsString;

/// WebKit's switches for how it draws; one set by a person is left as it is.
const WEBKIT_SWITCHES: &[&str] = &[
    "WEBKIT_DISABLE_COMPOSITING_MODE",
    "WEBKIT_FORCE_COMPOSITING_MODE",
    "WEBKIT_DISABLE_DMABUF_RENDERER",
    "WEBKIT_SKIA_ENABLE_CPU_RENDERING",
];

/// The switch that turns compositing off.
const NO_COMPOSITING: (&str, &str) = ("WEBKIT_DISABLE_COMPOSITING_MODE", "1");

/// Sets WebKit's switch for drawing without compositing when OpenGL would run on the
/// processor anyway. Call it first thing, before any thread starts and before the
/// window: the web process reads its environment when it starts.
pub fn choose_for_this_computer() {
    if !cfg!(target_os = "linux") {
        return;
    }
    if let Some((name, value)) = choice(has_render_node(), |name| std::env::var_os(name)) {
        std::env::set_var(name, value);
    }
}

/// Whether a GPU offers a DRM render node, as WebKit's OpenGL needs one for hardware.
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// The switch to set, if any: none when a person chose already or the GPU draws.
fn choice(
    render_node: bool,
    env: impl Fn(&str) -> Option<OsString>,
) -> Option<(&'static str, &'static str)> {
    if WEBKIT_SWITCHES.iter().any(|name| env(name).is_some()) {
        return None;
    }
    let forced_software = env("LIBGL_ALWAYS_SOFTWARE")
        .is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
    (!render_node || forced_software).then_some(NO_COMPOSITING)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn without_a_gpu_webkit_draws_without_compositing() {
        assert_eq!(choice(false, env(&[])), Some(NO_COMPOSITING));
        assert_eq!(
            choice(true, env(&[("LIBGL_ALWAYS_SOFTWARE", "1")])),
            Some(NO_COMPOSITING),
            "software OpenGL forced on a computer with a GPU"
        );
    }

    #[test]
    fn a_gpu_or_a_persons_own_switch_keeps_webkits_choice() {
        assert_eq!(choice(true, env(&[])), None);
        assert_eq!(choice(true, env(&[("LIBGL_ALWAYS_SOFTWARE", "0")])), None);
        for name in WEBKIT_SWITCHES {
            assert_eq!(choice(false, env(&[(name, "0")])), None, "{name} set");
        }
    }
}
