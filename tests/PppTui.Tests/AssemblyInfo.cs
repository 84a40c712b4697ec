// Terminal.Gui's themes, schemes and driver settings are process-wide; tests that draw must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
