namespace PppTui.Tests.Tui;

public class ColumnsTests
{
    [Fact]
    public void Chinese_characters_take_two_columns_and_are_never_cut_in_half()
    {
        Assert.Equal(4, Columns.Width("中文"));
        Assert.Equal("中文  ", Columns.Fit("中文", 6));
        Assert.Equal("中 ", Columns.Fit("中文", 3));
        Assert.Equal(3, Columns.Width(Columns.Fit("中文", 3)));
        Assert.Equal("  中文", Columns.FitRight("中文", 6));
    }

    [Fact]
    public void Ellipsize_marks_cut_text()
    {
        Assert.Equal("abc…", Columns.Ellipsize("abcdef", 4));
        Assert.Equal("abc", Columns.Ellipsize("abc", 4));
    }

    [Fact]
    public void A_long_name_loses_its_middle_so_names_of_one_family_stay_apart()
    {
        Assert.Equal("modem-…arrier", Columns.EllipsizeMiddle("modem-nocarrier", 13));
        Assert.Equal("pptp-b…-debug", Columns.EllipsizeMiddle("pptp-badpass-debug", 13));
        Assert.Equal("pptp-badpass", Columns.EllipsizeMiddle("pptp-badpass", 13));
        Assert.Equal(13, Columns.Width(Columns.EllipsizeMiddle("上海电信光纤拨号备用线路", 13)));
    }

    [Fact]
    public void Wrap_breaks_at_spaces_by_columns_and_cuts_long_words()
    {
        Assert.Equal(["one two", "three"], Columns.Wrap("one two three", 8));
        Assert.Equal(["上海电信", "光纤"], Columns.Wrap("上海电信光纤", 8));
        Assert.Equal(["  fix: a b", "       c"], Columns.Wrap("a b c", 10, "  fix: ", "       "));
    }

    [Fact]
    public void Horizontal_scrolling_starts_at_a_column()
    {
        Assert.Equal("cdef", Columns.From("abcdef", 2));
        Assert.Equal(" 文x", Columns.From("中文x", 1));
    }

    [Fact]
    public void Units_are_short()
    {
        Assert.Equal("999 B", Units.Bytes(999));
        Assert.Equal("1.2 MB", Units.Bytes(1_234_567));
        Assert.Equal("3.4 kB/s", Units.Rate(3_400));
        Assert.Equal("01:15:21", Units.Duration(TimeSpan.FromSeconds(4521)));
        Assert.Equal("05:06", Units.Duration(TimeSpan.FromSeconds(306)));
    }
}
