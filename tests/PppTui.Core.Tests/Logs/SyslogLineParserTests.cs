namespace PppTui.Core.Tests.Logs;

public class SyslogLineParserTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private readonly SyslogLineParser _parser = new("/var/log/syslog", LogLineFormat.Syslog, November, TimeZoneInfo.Utc);

    [Fact]
    public void A_classic_rfc3164_line_gives_time_host_program_pid_and_message()
    {
        var line = _parser.Parse("Nov 24 14:12:01 gw pppd[1234]: Using interface ppp0");

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 14, 12, 1, TimeSpan.Zero), line.Timestamp);
        Assert.Equal("gw", line.Host);
        Assert.Equal("pppd", line.Program);
        Assert.Equal(1234, line.Pid);
        Assert.Equal("Using interface ppp0", line.Message);
        Assert.Equal("/var/log/syslog", line.Source);
        Assert.Equal(LogSeverity.Info, line.Severity);
        Assert.Null(line.Diagnosis);
    }

    [Fact]
    public void A_single_digit_day_is_space_padded()
    {
        var line = _parser.Parse("Nov  4 09:00:00 gw chat[77]: alarm");
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 9, 0, 0, TimeSpan.Zero), line.Timestamp);
        Assert.Equal("chat", line.Program);
        Assert.Equal("chat-timeout", line.Diagnosis?.Code);
    }

    [Fact]
    public void The_iso_timestamps_rsyslog_writes_on_debian_are_understood()
    {
        var line = _parser.Parse("2026-11-24T14:12:01.123456+01:00 gw pppd[1234]: MS-CHAP authentication failed: E=691 Authentication failure");

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 14, 12, 1, TimeSpan.FromHours(1)).AddTicks(1234560), line.Timestamp);
        Assert.Equal("pppd", line.Program);
        Assert.Equal("auth-rejected", line.Diagnosis?.Code);
        Assert.Equal(LogSeverity.Error, line.Severity);
        Assert.True(line.IsMarked);
    }

    [Fact]
    public void A_december_line_read_in_january_belongs_to_last_year()
    {
        var parser = new SyslogLineParser("f", LogLineFormat.Syslog, new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        Assert.Equal(2026, parser.Parse("Dec 31 23:59:59 gw pppd[1]: x").Timestamp!.Value.Year);
    }

    [Fact]
    public void A_tag_without_pid_has_a_program_and_no_pid()
    {
        var line = _parser.Parse("Nov 24 14:12:01 gw kernel: [  12.345] PPP generic driver version 2.4.2");
        Assert.Equal("kernel", line.Program);
        Assert.Null(line.Pid);
        Assert.Equal("[  12.345] PPP generic driver version 2.4.2", line.Message);
    }

    [Fact]
    public void A_line_without_any_prefix_is_kept_whole()
    {
        var line = _parser.Parse("just some text: with a colon");
        Assert.Null(line.Timestamp);
        Assert.Equal("", line.Program);
        Assert.Equal("just some text: with a colon", line.Message);
    }

    [Fact]
    public void Pptp_warnings_and_fatal_lines_get_their_severity()
    {
        Assert.Equal(LogSeverity.Warning, _parser.Parse("Nov 24 14:12:01 gw pptp[9]: anon warn[decaps_gre:pptp_gre.c:427]: short read (-1): Message too long").Severity);
        Assert.Equal(LogSeverity.Error, _parser.Parse("Nov 24 14:12:01 gw pptp[9]: anon fatal[main:pptp.c:348]: Could not open control connection to 1.2.3.4").Severity);
    }

    [Fact]
    public void Our_own_log_lines_carry_their_level()
    {
        var line = _parser.Parse("2026-11-24T14:12:01.000000+00:00 gw ppptui[42]: [WRN] Refused to overwrite /etc/ppp/peers/x");
        Assert.Equal("ppptui", line.Program);
        Assert.Equal(LogSeverity.Warning, line.Severity);
    }

    [Fact]
    public void A_pppd_logfile_has_bare_messages_that_belong_to_the_profile()
    {
        var parser = new SyslogLineParser("/var/log/ppp-myvpn.log", LogLineFormat.Bare, link: "myvpn");
        var line = parser.Parse("Modem hangup");
        Assert.Equal("pppd", line.Program);
        Assert.Null(line.Timestamp);
        Assert.Equal("Modem hangup", line.Message);
        Assert.Equal("myvpn", line.Link);
        Assert.Equal("modem-hangup", line.Diagnosis?.Code);
    }

    [Fact]
    public void Control_characters_in_a_message_are_made_safe_before_anything_else()
    {
        var line = _parser.Parse("Nov 24 14:12:01 gw pppd[1]: \x1b[31mred");
        Assert.Equal("^[[31mred", line.Message);
        Assert.Equal("Nov 24 14:12:01 gw pppd[1]: ^[[31mred", line.Text);
    }
}
