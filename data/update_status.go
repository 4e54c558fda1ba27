package data

import "slices"

// transitions is the moderation workflow: the statuses a report may move
// to from each status. Rejected and duplicate reports are final (a
// mistaken duplicate is corrected by a new report).
var transitions = map[Status][]Status{
	StatusNew:        {StatusVerified, StatusRejected, StatusDuplicate},
	StatusVerified:   {StatusInProgress, StatusDuplicate},
	StatusInProgress: {StatusResolved},
	StatusResolved:   {StatusReopened},
	StatusReopened:   {StatusInProgress, StatusResolved},
}

// CanTransition reports whether the workflow allows a report to move from
// status from to status to. Staying in the same status is not a
// transition.
func CanTransition(from, to Status) bool { return slices.Contains(transitions[from], to) }

// NextStatuses returns the statuses a report in status from may move to,
// in workflow order; nil for a final status.
func NextStatuses(from Status) []Status { return slices.Clone(transitions[from]) }

// PublicStatuses are the statuses the public sees by default: verified
// and every later stage of the workflow.
var PublicStatuses = []Status{StatusVerified, StatusInProgress, StatusResolved, StatusReopened}

// PublicStatusesWith returns the statuses the public sees: PublicStatuses,
// and new reports too when unverified is set (a deployment that shows
// reports before moderators verify them).
func PublicStatusesWith(unverified bool) []Status {
	if unverified {
		return append([]Status{StatusNew}, PublicStatuses...)
	}
	return PublicStatuses
}
