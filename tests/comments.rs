//! Reader comments: out of the text, in `removed()` under `comments` by
//! default, and given back by `include_comments(true)`; a forum's thread
//! stays the content.

use deboiler::{COMMENTS_RULE, Cleaner, Input};

const STORY: &str = "<p>The council voted on Tuesday to rebuild the harbour wall before the winter storms.</p>\
    <p>Work starts in May; the quay stays open to fishing boats throughout the repairs.</p>\
    <p>The wall was last rebuilt in 1952, after a storm took half of it into the sea.</p>\
    <p>Residents can see the plans at the town hall until the end of the month.</p>";

/// A WordPress article: the story, then a comment list with a nested reply,
/// then the reply form.
fn wordpress_article() -> String {
    format!(
        "<html><body><article class='post'><h1 class=entry-title>Harbour wall to be rebuilt</h1>\
         <div class=entry-content>{STORY}</div></article>\
         <div id=comments class=comments-area><h2 class=comments-title>2 thoughts on “Harbour wall to be rebuilt”</h2>\
         <ol class=comment-list>\
         <li id=comment-1 class='comment byuser comment-author-mara'><article class=comment-body>\
         <footer class=comment-meta><div class='comment-author vcard'><b class=fn>Mara</b> <span class=says>says:</span></div>\
         <div class=comment-metadata><a href='#comment-1'><time datetime=2026-03-03>March 3, 2026 at 9:12 am</time></a></div></footer>\
         <div class=comment-content><p>About time. The old wall has been crumbling for years.</p></div>\
         <div class=reply><a class=comment-reply-link href='#respond'>Reply</a></div></article>\
         <ol class=children><li id=comment-2 class='comment'><article class=comment-body>\
         <footer class=comment-meta><div class='comment-author vcard'><b class=fn>Tom</b> <span class=says>says:</span></div>\
         <div class=comment-metadata><time>March 3, 2026 at 11:40 am</time></div></footer>\
         <div class=comment-content><p>Agreed, though May seems late to start with storms due in October.</p></div>\
         </article></li></ol></li></ol>\
         <div id=respond class=comment-respond><h3 class=comment-reply-title>Leave a Reply</h3>\
         <form id=commentform class=comment-form><p class=comment-notes>Your email address will not be published.</p>\
         <p><label>Comment</label><textarea></textarea></p><p><input type=submit value='Post Comment'></p></form></div>\
         </div></body></html>"
    )
}

#[test]
fn comments_are_out_of_the_text_and_removed_under_their_rule() {
    let page = Cleaner::default()
        .clean(Input::html(&wordpress_article()))
        .unwrap();
    let text = page.text();
    assert!(text.contains("Harbour wall to be rebuilt") && text.contains("town hall"));
    for comment in [
        "crumbling",
        "May seems late",
        "Mara",
        "thoughts on",
        "Leave a Reply",
    ] {
        assert!(!text.contains(comment), "kept {comment:?}:\n{text}");
    }
    let rule_of = |needle: &str| {
        page.removed()
            .iter()
            .find(|r| r.block().text().contains(needle))
            .map(|r| (r.rule(), r.reason()))
    };
    let (rule, reason) = rule_of("crumbling").unwrap();
    assert_eq!(rule, COMMENTS_RULE);
    assert!(reason.contains("comments"), "{reason}");
    assert_eq!(rule_of("May seems late").unwrap().0, COMMENTS_RULE);
    // The form is not a comment: it is page chrome.
    assert_eq!(rule_of("Leave a Reply").unwrap().0, "page-chrome");
    assert!(page.comments().is_empty());
}

#[test]
fn include_comments_gives_each_comment_back_with_its_author_and_date() {
    let cleaner = Cleaner::builder().include_comments(true).build().unwrap();
    let with = cleaner.clean(Input::html(&wordpress_article())).unwrap();
    let without = Cleaner::default()
        .clean(Input::html(&wordpress_article()))
        .unwrap();
    assert_eq!(with.text(), without.text());
    let comments = with.comments();
    // The comment, and the reply nested in it.
    let said: Vec<String> = comments.iter().map(|c| c.text()).collect();
    let first = comments
        .iter()
        .find(|c| c.text().contains("crumbling"))
        .unwrap_or_else(|| panic!("{said:?}"));
    assert_eq!(first.author(), Some("Mara says:"));
    assert_eq!(first.date(), Some("March 3, 2026 at 9:12 am"));
    assert!(first.text().starts_with("About time."), "{}", first.text());
    let reply = comments
        .iter()
        .find(|c| c.text().contains("May seems late"))
        .unwrap();
    assert_eq!(reply.author(), Some("Tom says:"));
    assert!(
        !reply.text().contains("crumbling"),
        "a reply is a comment of its own"
    );
    // The comments are not removed; the section's own heading and a
    // comment's controls are not what it says, and stay removed; the form
    // is no comment either.
    let removed_as_comments: Vec<&str> = with
        .removed()
        .iter()
        .filter(|r| r.rule() == COMMENTS_RULE)
        .map(|r| r.block().text())
        .collect();
    assert_eq!(
        removed_as_comments,
        ["2 thoughts on “Harbour wall to be rebuilt”", "Reply"]
    );
    assert_eq!(comments.len(), 2, "{said:?}");
    assert!(
        said.iter().all(|c| !c.contains("Leave a Reply")),
        "{said:?}"
    );
}

#[test]
fn a_disqus_thread_is_comments() {
    let html = format!(
        "<body><article><h1>Harbour wall to be rebuilt</h1>{STORY}</article>\
         <div id=disqus_thread><ul id=post-list class=post-list>\
         <li class=post><div class=post-content><header><span class=author><a href=/u/ines>Ines</a></span>\
         <a class=time-ago href=#c1 title='3 March 2026'>a day ago</a></header>\
         <div class=post-message><p>Will the quay stay open at weekends too?</p></div></div></li>\
         </ul></div></body>"
    );
    let page = Cleaner::builder()
        .include_comments(true)
        .build()
        .unwrap()
        .clean(Input::html(&html))
        .unwrap();
    assert!(!page.text().contains("weekends"));
    let comment = &page.comments()[0];
    assert!(comment.text().contains("weekends"), "{:?}", comment.text());
    assert!(
        comment.author().is_some_and(|a| a.contains("Ines")),
        "{comment:?}"
    );
}

#[test]
fn a_forum_threads_posts_all_stay() {
    let post = |who: &str, said: &str| {
        format!(
            "<li class=comment><div class=comment-author>{who}</div><div class=comment-content><p>{said}</p></div></li>"
        )
    };
    let html = format!(
        "<html><head><script type='application/ld+json'>{{\"@type\": \"DiscussionForumPosting\"}}</script></head>\
         <body><h1>Best antifouling for a wooden hull?</h1>\
         <p>My sloop is coming out of the water next month and the old paint is flaking badly.</p>\
         <ol class=comment-list>{}{}{}</ol></body></html>",
        post(
            "ferry_jo",
            "Copper-based paint has served me well for ten years on an oak hull like yours."
        ),
        post(
            "mara",
            "Whatever you pick, sand back to sound wood first or it will flake again within a season."
        ),
        post(
            "tom",
            "Ask the yard what they used last time; mixing hard and soft paints ends in tears, trust me."
        ),
    );
    for cleaner in [
        Cleaner::default(),
        Cleaner::builder().include_comments(true).build().unwrap(),
    ] {
        let page = cleaner.clean(Input::html(&html)).unwrap();
        for said in ["Copper-based", "sand back", "Ask the yard"] {
            assert!(
                page.text().contains(said),
                "lost {said:?}:\n{}",
                page.text()
            );
        }
        assert!(page.comments().is_empty());
    }
}

#[test]
fn a_list_in_a_comment_and_its_lines_after_a_reply_stay_one_comment() {
    let html = format!(
        "<body><article><h1>Harbour wall to be rebuilt</h1>{STORY}</article>\
         <div id=comments><ol class=comment-list><li class=comment>\
         <div class=comment-author>Mara</div>\
         <div class=comment-content><p>Three things the council forgot about the new wall:</p>\
         <ul><li>the slipway at the north end</li><li>the lights along the quay</li></ul></div>\
         <ol class=children><li class=comment><div class=comment-author>Tom</div>\
         <div class=comment-content><p>And the steps down to the beach, which flood at every spring tide.</p></div></li></ol>\
         <div class=comment-content><p>Edit: the slipway is in the plans after all, on page nine.</p></div>\
         </li></ol></div></body>"
    );
    let cleaner = Cleaner::builder().include_comments(true).build().unwrap();
    let page = cleaner.clean(Input::html(&html)).unwrap();
    let comments = page.comments();
    assert_eq!(comments.len(), 2, "{comments:#?}");
    let mara = &comments[0];
    assert_eq!(mara.author(), Some("Mara"));
    for said in [
        "forgot",
        "the slipway at the north end",
        "Edit: the slipway",
    ] {
        assert!(
            mara.text().contains(said),
            "{said:?} not in {:?}",
            mara.text()
        );
    }
    assert_eq!(comments[1].author(), Some("Tom"));
    assert!(!comments[1].text().contains("Edit"));
}
