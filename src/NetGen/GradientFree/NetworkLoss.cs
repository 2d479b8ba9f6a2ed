namespace NetGen;

/// <summary>
/// What a gradient-free search minimises: the loss of <paramref name="network"/> at its current
/// <see cref="INetwork.Parameters"/> (lower is better; NaN counts as +∞). To maximise a fitness instead, wrap it with
/// <see cref="NetworkObjectives.FromFitness"/>.
/// </summary>
/// <remarks>
/// A search calls the delegate from several threads at once, each time with a network instance that only that thread
/// uses (the caller's network or one of its clones). So the delegate must be thread-safe: it may use the network it is
/// given freely but must not share mutable state (buffers, counters) between calls without synchronising. It should
/// not allocate, since it runs once per candidate: keep buffers in <c>stackalloc</c> or <c>[ThreadStatic]</c> fields.
/// It should be deterministic, since elites keep their loss and are not evaluated again.
/// </remarks>
public delegate float NetworkLoss(INetwork network);

/// <summary>
/// A fitness of <paramref name="network"/> at its current parameters: higher is better. The same thread-safety rules
/// as <see cref="NetworkLoss"/> apply; <see cref="NetworkObjectives.FromFitness"/> turns it into a loss.
/// </summary>
public delegate float NetworkFitness(INetwork network);

/// <summary>
/// Whether <paramref name="network"/>, at its current parameters whose loss is <paramref name="loss"/>, solves the
/// task, which ends the search. Called right after the loss on the same thread and network, so the same thread-safety
/// rules as <see cref="NetworkLoss"/> apply.
/// </summary>
public delegate bool SolvedPredicate(INetwork network, float loss);
