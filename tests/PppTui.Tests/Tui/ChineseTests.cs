using PppTui.Core.Localization;
using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

/// <summary>The screen in Simplified Chinese: every key label and help text translated, menus and panes in Chinese, nothing cut in half.</summary>
public sealed class ChineseTests : IDisposable
{
    private readonly IDisposable _language = UiLanguage.Use(UiLanguage.SimplifiedChinese);

    public void Dispose() => _language.Dispose();

    [Fact]
    public void Every_key_label_help_text_menu_and_scope_title_goes_through_the_catalog()
    {
        var zh = Msg.Translations(UiLanguage.SimplifiedChinese);
        var texts = KeyTable.Entries.SelectMany(e => new[] { e.Label, e.Description })
            .Concat(KeyTable.Menus)
            .Concat(Enum.GetValues<KeyScope>().Select(KeyTable.ScopeTitle))
            .Distinct();
        Assert.DoesNotContain(texts, t => !zh.ContainsKey(t));
    }

    [Fact]
    public void The_README_key_table_stays_English_while_the_help_screen_is_Chinese()
    {
        Assert.Contains("Connect the selected profile (pppd call NAME)", KeyTable.ToMarkdown());
        Assert.Contains(KeyTable.HelpLines(), l => l.Contains("拨号连接所选配置"));
        Assert.Contains("所有位置", KeyTable.HelpLines());
    }

    [Fact]
    public void At_80x24_the_menus_panes_and_status_bar_are_Chinese_and_every_row_is_80_columns()
    {
        using var h = ScreenHost.Start(80, 24);
        var rows = h.Rows.Take(24).ToList();

        Assert.Contains("文件", rows[0]);
        Assert.Contains("链路", rows[0]);
        Assert.Contains("帮助", rows[0]);
        Assert.Contains("配置", rows[1]);
        Assert.Contains("编辑器", rows[1]);
        Assert.Contains("帮助", rows[23]);
        Assert.Contains("退出", rows[23]);
        // A double-width character is never split: each row fills exactly 80 columns and has no replacement glyph.
        Assert.All(rows, r => Assert.Equal(80, Columns.Width(r)));
        Assert.All(rows, r => Assert.DoesNotContain('\uFFFD', r));
    }

    [Fact]
    public void At_160x48_every_row_is_160_columns_with_Chinese_titles()
    {
        using var h = ScreenHost.Start(160, 48);
        var rows = h.Rows.Take(48).ToList();
        Assert.Contains("路由", string.Join("\n", rows));
        Assert.Contains("日志", string.Join("\n", rows));
        Assert.All(rows, r => Assert.Equal(160, Columns.Width(r)));
        Assert.All(rows, r => Assert.DoesNotContain('\uFFFD', r));
    }

    [Fact]
    public void The_file_menu_opens_with_Chinese_items()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.F9);
        h.Draw();
        var text = string.Join("\n", h.Rows);
        Assert.Contains("新建", text);
        Assert.Contains("应用", text);
    }
}
