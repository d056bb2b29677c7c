package plan

// Feature families: the unit of the --stats summary and of the timers.
const (
	famMeta = iota
	famUnary
	famViews
	famRegress
	famClassify
	famGroup
	famSym
	famInfo
	famDirection
	numFamilies
)

var familyNames = [numFamilies]string{
	famMeta:      "meta",
	famUnary:     "unary",
	famViews:     "views",
	famRegress:   "regress",
	famClassify:  "classify",
	famGroup:     "group",
	famSym:       "symmetric",
	famInfo:      "infotheory",
	famDirection: "direction",
}

// family builds the blocks of one feature family.
type family func(pr Params) []*block

// families lists the families of the default plan, in output order.
var families = []family{
	metaBlocks,
	unaryBlocks,
	symBlocks,
	groupBlocks,
	infoBlocks,
	directionBlocks,
	regressBlocks,
	classifyBlocks,
}
