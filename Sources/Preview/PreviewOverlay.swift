import Foundation
import Publishing

/// What the preview adds to every HTML page as it serves it (never to the files): the script
/// that reloads the page when the build state changes and, while the last build failed, a
/// banner with its errors.
enum PreviewOverlay {
    static let bannerID = "qcsite-preview-errors"
    /// More lines than staff would read in a browser; the terminal has them all.
    static let bannerLines = 300

    static func html(version: Int, failure: [String]?) -> String {
        (failure.map(banner) ?? "") + reloadScript(version: version)
    }

    /// Polls the state number once a second and reloads the page when it changes: after a good
    /// build, a failed one, or a fix.
    static func reloadScript(version: Int) -> String {
        """
        <script>(function(){var v="\(version)";function poll(){fetch("\(PreviewServer.versionPath)",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(t!==v){location.reload();}else{setTimeout(poll,1000);}},function(){setTimeout(poll,2000);});}setTimeout(poll,1000);})();</script>

        """
    }

    /// Fixed over the top of the page, collapsible without script, every line escaped.
    static func banner(_ lines: [String]) -> String {
        var shown = lines.prefix(bannerLines).map(XMLEscaping.escape)
        if lines.count > bannerLines { shown.append("……另有 \(lines.count - bannerLines) 行，见运行 qcsite serve 的终端") }
        return """
            <div id="\(bannerID)" role="alert" lang="zh-CN" style="position:fixed;top:0;left:0;right:0;z-index:2147483647;\
            max-height:60vh;overflow:auto;margin:0;padding:12px 16px;background:#fff1f0;color:#5c0011;\
            border-bottom:3px solid #cf1322;box-shadow:0 2px 8px rgba(0,0,0,.25);font:15px/1.6 sans-serif;text-align:left">\
            <details open><summary style="cursor:pointer;font-weight:bold;color:#a8071a">预览：网站生成失败，下面是错误</summary>\
            <p style="margin:6px 0">页面仍是上一次成功生成的网站。改正内容并保存后会自动重新生成，成功后本提示消失。</p>\
            <pre style="margin:0;white-space:pre-wrap;word-break:break-all;font:13px/1.5 monospace;color:#000">\(shown.joined(separator: "\n"))</pre>\
            </details></div>

            """
    }

}
