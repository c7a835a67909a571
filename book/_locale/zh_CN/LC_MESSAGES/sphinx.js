// The words that scripts write, in the zh edition: Sphinx 9.0's search page
// (Sphinx's own zh_CN sphinx.js says 匹配搜索条件的有, speaks of 分类 that the
// site does not have, and of 您), and those that quadnet_book's words.js
// translates. Sphinx takes this file in place of its own.
Documentation.addTranslations({
    "locale": "zh_Hans_CN",
    "messages": {
        "Search Results": "搜索结果",
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.": "没有找到匹配的页面。请检查拼写，或者换个词再搜。",
        "Search finished, found one page matching the search query.": [
            "共找到 ${resultCount} 个匹配的页面。"
        ],
        "Searching": "正在搜索",
        "Preparing search...": "正在准备搜索……",
        ", in ": "，位于",
        "Hide Search Matches": "隐藏搜索高亮",
        // sphinx-copybutton's "复制成功!"
        "Copied!": "已复制",
        // aria-labels: sphinx-togglebutton 0.4.5, sphinx-book-theme 1.4.0
        "Toggle hidden content": "显示或隐藏内容",
        "Page": "本页"
    },
    "plural_expr": "0"
});
