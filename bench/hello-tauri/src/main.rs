//! Hello world: one window, one page, one command the page calls once it has loaded.

/// The page is up: the bench script times the start by this line.
#[tauri::command]
fn ready() {
    println!("hello: ready");
}

fn main() {
    tauri::Builder::default()
        // Where the bench splits the start: WebKit starts loading the page.
        .on_page_load(|_, page| {
            if page.event() == tauri::webview::PageLoadEvent::Started {
                println!("hello: page loading");
            }
        })
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("hello world runs");
}
