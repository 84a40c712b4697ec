using System.Collections.Frozen;

namespace PppTui.Core.Localization;

/// <summary>
/// Simplified Chinese, keyed by the English text. Words follow docs/glossary.zh-CN.md (拨号, 隧道,
/// 路由, 默认路由, 认证失败, 对端, 密钥, 链路): the same word for the same thing everywhere.
/// Option names, file paths and commands in backquotes stay as they are: they are typed as written.
/// </summary>
internal static class ZhCn
{
    public static FrozenDictionary<string, string> Entries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Menus (the letter after "_" is the menu's hotkey, kept from English so Alt+F still opens File).
        ["_File"] = "文件(_F)",
        ["_Link"] = "链路(_L)",
        ["_View"] = "视图(_V)",
        ["_Help"] = "帮助(_H)",

        // Where a key works (help screen sections).
        ["Everywhere"] = "所有位置",
        ["Profile list"] = "配置列表",
        ["Editor"] = "编辑器",
        ["Preview"] = "预览",
        ["IP pane"] = "IP 窗格",
        ["Route pane"] = "路由窗格",
        ["Log pane"] = "日志窗格",
        ["(menu)"] = "(菜单)",

        // Pane titles.
        ["Profiles"] = "配置",
        ["Links"] = "链路",
        ["Routes"] = "路由",
        ["Log"] = "日志",

        // Key table: labels and help texts.
        ["Connect"] = "连接",
        ["Connect the selected profile (pppd call NAME)"] = "拨号连接所选配置 (pppd call NAME)",
        ["Disconnect"] = "断开",
        ["Disconnect the selected profile's link (asks first)"] = "断开所选配置的链路(先确认)",
        ["Zoom"] = "放大",
        ["Zoom the focused pane to the full screen, or back (Esc also returns)"] = "把当前窗格放大到全屏,或还原(Esc 也可还原)",
        ["Diff"] = "差异",
        ["Preview: switch between the new file texts and the diff against disk"] = "预览:在新文件内容与相对磁盘文件的差异之间切换",
        ["Effective"] = "生效选项",
        ["Preview: switch to the effective options pppd will use, with where each comes from"] = "预览:切换到 pppd 实际使用的选项,并标出每项的来源",
        ["Next theme"] = "下一主题",
        ["Switch to the next colour theme (remembered)"] = "切换到下一个配色主题(会记住)",
        ["Theme…"] = "主题…",
        ["Choose a colour theme from a list (remembered)"] = "从列表中选择配色主题(会记住)",
        ["16 colours"] = "16 色",
        ["Use only 16 colours, for terminals that show other colours wrongly (remembered)"] = "只用 16 种颜色,适用于显示其他颜色有误的终端(会记住)",
        ["Go to the profile list"] = "转到配置列表",
        ["Go to the preview"] = "转到预览",
        ["Go to the IP pane (links)"] = "转到 IP 窗格(链路)",
        ["Go to the route pane"] = "转到路由窗格",
        ["Go to the log pane"] = "转到日志窗格",
        ["New"] = "新建",
        ["Create a profile of a chosen kind"] = "新建一个所选类型的配置",
        ["Go to the editor"] = "转到编辑器",
        ["Edit"] = "编辑",
        ["Edit the selected profile"] = "编辑所选配置",
        ["Apply"] = "应用",
        ["Write the previewed files (asks before overwriting a file changed on disk)"] = "写入预览中的文件(覆盖磁盘上已改动的文件前先确认)",
        ["Revert"] = "还原",
        ["Drop the edits and reload the profile (asks first)"] = "丢弃修改并重新载入配置(先确认)",
        ["Import all"] = "全部导入",
        ["Import every peers file not imported yet as a profile (the files stay as they are)"] = "把尚未导入的 peers 文件全部导入为配置(文件本身保持不变)",
        ["Delete"] = "删除",
        ["Delete the selected profile (asks first)"] = "删除所选配置(先确认)",
        ["Link only"] = "仅本链路",
        ["Only the lines of the selected profile's link (its pppd processes), or every PPP line"] = "只显示所选配置的链路(其 pppd 进程)的日志行,或显示全部 PPP 日志行",
        ["Filter"] = "过滤",
        ["Type in the log filter: words that must appear, -word to hide"] = "输入日志过滤条件:必须出现的词,-词 表示隐藏",
        ["Follow"] = "跟随",
        ["Follow new lines on or off"] = "开启或关闭跟随新日志行",
        ["Newest"] = "最新",
        ["Jump to the newest line; following resumes there"] = "跳到最新一行,并从那里继续跟随",
        ["Help"] = "帮助",
        ["Show this help: every key and where it works"] = "显示本帮助:所有按键及其适用位置",
        ["Errors"] = "错误",
        ["Show every error with its cause and fix"] = "显示所有错误及其原因和解决办法",
        ["Quit"] = "退出",
        ["Leave ppptui (links keep running)"] = "退出 ppptui(链路继续运行)",
        ["Next pane"] = "下一窗格",
        ["Move the focus to the next pane"] = "把焦点移到下一个窗格",
        ["Previous pane"] = "上一窗格",
        ["Move the focus to the previous pane"] = "把焦点移到上一个窗格",
        ["Next field"] = "下一字段",
        ["Move to the next (previous) field inside a pane"] = "在窗格内移到下一个(上一个)字段",
        ["Menu"] = "菜单",
        ["Open the menu bar"] = "打开菜单栏",
        ["Keep up (systemd)"] = "保持在线 (systemd)",
        ["Keep the selected profile up with systemd (ppptui@NAME.service), or stop that (asks first)"] = "用 systemd 让所选配置保持在线 (ppptui@NAME.service),或停止保持(先确认)",
        ["Doctor"] = "系统检查",
        ["Check the kernel, tools, secrets, DNS and the selected profile; each finding with its fix"] = "检查内核、工具、密钥、DNS 和所选配置;每项发现都附解决办法",
        ["  New {0}…"] = "  新建 {0}…",
        ["(off)"] = "(不可用)",

        // Command line.
        ["--lang {0}: no such language"] = "--lang {0}:不支持此语言",
        ["Give one of: en, zh-CN."] = "请指定其中之一:en、zh-CN。",

        // Dialog titles.
        ["Help: keys"] = "帮助:按键",
        ["Errors ({0})"] = "错误 ({0})",
        ["Doctor: {0}"] = "系统检查:{0}",
        ["Theme"] = "主题",
        ["New profile"] = "新建配置",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
