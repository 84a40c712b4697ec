using PppTui.Tui.Output;

namespace PppTui.Tests.Tui;

/// <summary>How long an idle main-loop pass sleeps: never while something just happened, else until the next timer, and never for ever.</summary>
public sealed class IdleWaitTests
{
    private static readonly int Longest = (int)IdleWait.LongestSleep.TotalMilliseconds;

    [Fact]
    public void A_pass_right_after_an_event_does_not_sleep() =>
        Assert.Equal(0, IdleWait.SleepMs(now: 100, awakeUntil: 101, nextTimerMs: -1));

    [Fact]
    public void An_idle_pass_sleeps_until_the_next_timer_is_due()
    {
        Assert.Equal(30, IdleWait.SleepMs(now: 200, awakeUntil: 100, nextTimerMs: 30));
        Assert.Equal(0, IdleWait.SleepMs(now: 200, awakeUntil: 100, nextTimerMs: 0));
    }

    [Fact]
    public void An_idle_pass_with_no_timer_or_a_far_one_sleeps_at_most_the_longest_sleep()
    {
        Assert.Equal(Longest, IdleWait.SleepMs(now: 200, awakeUntil: 100, nextTimerMs: -1));
        Assert.Equal(Longest, IdleWait.SleepMs(now: 200, awakeUntil: 100, nextTimerMs: Longest * 10));
    }
}
