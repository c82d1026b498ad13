//! The deck makes zero network requests: every request the browser sees while the whole deck is
//! shown (every slide, every fragment, overview, help, presenter) is `file:` or `data:`.

use crate::support::{deck, file_url, Page, SAMPLE};
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::Network;
use std::sync::{Arc, Mutex};

fn local(url: &str) -> bool {
    url.starts_with("file:") || url.starts_with("data:")
}

#[test]
fn the_deck_makes_no_network_request() {
    let html = deck(SAMPLE);
    let Some(page) = Page::blank((1280, 720), &file_url(&html)) else {
        return;
    };
    let requests = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::clone(&requests);
    page.tab
        .call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .expect("Network.enable");
    page.tab
        .add_event_listener(Arc::new(move |event: &Event| {
            if let Event::NetworkRequestWillBeSent(e) = event {
                if let Ok(mut seen) = seen.lock() {
                    seen.push(e.params.request.url.clone());
                }
            }
        }))
        .expect("listen to the network");

    page.navigate("");
    page.reduced_motion(true); // no need to wait for the fades
                               // Everything the deck can show, each slide with each fragment, painted in turn.
    let walked: bool = page.eval(
        "new Promise(function (done) {
           function frame() { return new Promise(function (r) { requestAnimationFrame(function () { requestAnimationFrame(r); }); }); }
           (function step() {
             var before = [window.diapo.slide(), window.diapo.fragment()];
             window.diapo.next();
             if (window.diapo.slide() === before[0] && window.diapo.fragment() === before[1]) return done(window.diapo.slide() === window.diapo.total());
             frame().then(step);
           })();
         })",
    );
    assert!(walked, "walked to the last slide");
    for key in ["O", "Escape", "?", "Escape", "P"] {
        page.key(key);
    }
    let presenter: Option<Vec<String>> = page.eval(
        "(function () { var w = window.diapo.presenter;
           return w ? w.performance.getEntriesByType('resource').map(function (e) { return e.name; }) : null; })()",
    );
    let mut resources: Vec<String> =
        page.eval(
        "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
           .map(function (e) { return e.name; })",
    );
    let presenter = presenter.expect("P opened the presenter window");
    resources.extend(presenter);

    // Static scan too: a font or image URL only some browser would fetch is a request waiting.
    let referenced: Vec<String> = page.eval(
        r#"(function () {
          var urls = [];
          Array.from(document.styleSheets).forEach(function (sheet) {
            Array.from(sheet.cssRules).forEach(function (rule) {
              var re = /url\(\s*(['"]?)([^'")]*)\1\s*\)/g, m;
              while ((m = re.exec(rule.cssText))) urls.push(m[2]);
            });
          });
          document.querySelectorAll('[src], [srcset], [poster], link[href], object[data]').forEach(function (el) {
            ['src', 'poster', 'data'].forEach(function (a) { if (el.hasAttribute(a)) urls.push(el.getAttribute(a)); });
            if (el.hasAttribute('srcset')) el.getAttribute('srcset').split(',').forEach(function (c) { urls.push(c.trim().split(/\s+/)[0]); });
            if (el.tagName === 'LINK') urls.push(el.href);
          });
          return urls;
        })()"#,
    );

    let requests = requests.lock().map(|r| r.clone()).unwrap_or_default();
    assert!(
        requests.iter().any(|u| u.starts_with(&page.url)),
        "the recorder saw no request for the deck itself: {requests:?}"
    );
    let remote: Vec<&String> = requests
        .iter()
        .chain(&resources)
        .chain(&referenced)
        .filter(|u| !local(u))
        .collect();
    assert!(
        remote.is_empty(),
        "the deck asked for something outside file: and data::\n{remote:#?}"
    );
}
