using System.Diagnostics.CodeAnalysis;

namespace PppTui.Core.Files;

/// <summary>
/// Remembers what was worked out from a text (its parse, its hash, its masked form) for as long as
/// that very string object lives. The editor renders its preview on every key from a snapshot of the
/// disk that hands back the same string objects each time, so the files it read are parsed, hashed
/// and masked once per snapshot rather than once per key. Texts are held weakly: when the snapshot
/// goes, what was remembered about it goes too. Values are shared between callers and threads, so
/// they must never change once made.
/// </summary>
// The annotation is ConditionalWeakTable's own (for its GetOrCreateValue, which is not used here).
internal sealed class TextMemo<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T> where T : class
{
    // Below this length working a value out again costs less than looking it up and keeping it.
    private const int MinLength = 256;

    private readonly ConditionalWeakTable<string, T> _values = new();
    private readonly ConditionalWeakTable<string, T>.CreateValueCallback _compute;

    public TextMemo(Func<string, T> compute) => _compute = text => compute(text);

    public T Get(string text) =>
        text.Length < MinLength ? _compute(text) : _values.GetValue(text, _compute);
}
