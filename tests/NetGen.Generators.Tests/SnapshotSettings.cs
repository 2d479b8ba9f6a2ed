using ApprovalTests.Reporters;

// CI servers that ApprovalTests recognises (TeamCity, Jenkins, AppVeyor, ...) would otherwise take over
// reporting before [UseReporter] is consulted; this keeps SnapshotDiffReporter the one that reports everywhere.
[assembly: FrontLoadedReporter(typeof(ReportWithoutFrontLoading))]
