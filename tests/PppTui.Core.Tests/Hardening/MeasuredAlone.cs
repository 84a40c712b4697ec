namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// Tests that compare CPU time and memory between a small and a large case. They run after the
/// parallel tests, one at a time: other tests allocating at the same moment would trigger
/// collections on the measured thread and grow the process-wide heap the tests read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}
