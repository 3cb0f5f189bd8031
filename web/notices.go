package web

import (
	"fmt"

	"github.com/versus-web/versus/internal/decide"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/query"
)

// noticeText words what a page did with a part of its query it could not use.
func noticeText(n query.Notice) string {
	singular, plural := paramNouns(n.Param)
	switch {
	case n.Reason == query.NoneKnown:
		return fmt.Sprintf("No known %s were chosen, so all are shown.", plural)
	case n.Reason == query.Malformed && n.Param == paths.WeightParam:
		return fmt.Sprintf("Weights must be whole numbers from 0 to %d; ignored: %s.", decide.MaxWeight, quotedList(n.Values))
	case n.Reason == query.Malformed:
		return fmt.Sprintf("Values that could not be read were ignored: %s.", quotedList(n.Values))
	case n.Param == paths.WeightParam:
		return fmt.Sprintf("Unknown %s ignored: %s.", plural, quotedList(n.Values))
	case len(n.Values) == 1:
		return fmt.Sprintf("Unknown %s %s was ignored.", singular, quotedList(n.Values))
	}
	return fmt.Sprintf("Unknown %s %s were ignored.", plural, quotedList(n.Values))
}

// paramNouns names what a query parameter's values are.
func paramNouns(param string) (singular, plural string) {
	switch param {
	case paths.GroupParam:
		return "group", "groups"
	case paths.SubjectParam:
		return "subject", "subjects"
	case paths.CriterionParam, paths.WeightParam:
		return "criterion", "criteria"
	}
	return "value", "values"
}
